/**
 * patchAll / patchThread / patchTime against the real green shims: which
 * facades they switch, which items each option keeps native, the order of
 * events, and unpatch back to native.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { facade } from '../shims/shared/live-facades.js';
import { isModulePatched, isObjectPatched, patchAll, patchThread, patchTime, subscribe, unpatch, type MonkeyEvent } from '../monkey/index.js';

const SKIP = await import('../shims/green/threading.js').then(() => false, () => 'green shims not landed');

type Module = Record<string, unknown> & { __implements__: readonly string[] };
const load = async (name: string): Promise<{ green: Module; native: Record<string, unknown> }> => ({
  green: await import(`../shims/green/${name}.js`),
  native: await import(`../shims/native/${name}.js`),
});

/** Assert that every listed item of a facade currently is the green (or native) one. */
async function assertPoints(name: string, to: 'green' | 'native', items?: readonly string[]): Promise<void> {
  const { green, native } = await load(name);
  for (const item of items ?? green.__implements__) {
    assert.equal(facade(name)?.current[item], (to === 'green' ? green : native)[item], `${name}.${item} should be ${to}`);
  }
}

afterEach(() => unpatch());

test('patchTime switches time to the green implementation', { skip: SKIP }, async () => {
  assert.equal(await patchTime(), true);
  assert.equal(isModulePatched('time'), true);
  await assertPoints('time', 'green');
  assert.equal(isModulePatched('threading'), false);
});

test('patchThread switches thread and threading; unpatch restores native', { skip: SKIP }, async () => {
  assert.equal(await patchThread(), true);
  await assertPoints('thread', 'green');
  await assertPoints('threading', 'green');
  unpatch();
  await assertPoints('thread', 'native');
  await assertPoints('threading', 'native');
});

test('patchThread options keep Event, local and the threading module native', { skip: SKIP }, async () => {
  assert.equal(await patchThread({ Event: false, _threading_local: false }), true);
  assert.equal(isObjectPatched('threading', 'Event'), false);
  assert.equal(isObjectPatched('threading', 'local'), false);
  assert.equal(isObjectPatched('thread', '_local'), false);
  assert.equal(isObjectPatched('threading', 'Thread'), true);
  unpatch();
  assert.equal(await patchThread({ threading: false, existingLocks: false }), true);
  assert.equal(isModulePatched('thread'), true);
  assert.equal(isModulePatched('threading'), false);
});

test('patchAll patches thread, threading, queue, time in table order between its two events', { skip: SKIP }, async () => {
  const seen: string[] = [];
  const unsubscribe = subscribe((e: MonkeyEvent) => seen.push(`${e.constructor.name}${'moduleName' in e ? ` ${e.moduleName}` : ''}`));
  try {
    assert.equal(patchAll(), true);
  } finally {
    unsubscribe();
  }
  assert.deepEqual(seen, ['WillPatchAllEvent', 'WillPatchModuleEvent thread', 'DidPatchModuleEvent thread',
    'WillPatchModuleEvent threading', 'DidPatchModuleEvent threading', 'WillPatchModuleEvent queue',
    'DidPatchModuleEvent queue', 'WillPatchModuleEvent time',
    'DidPatchModuleEvent time', 'DidPatchAllEvent']);
  for (const name of ['threading', 'thread', 'time']) await assertPoints(name, 'green');
});
