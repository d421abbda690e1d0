/**
 * Unit tests of green-loader/monkey against a fake facade registered under a
 * test-only name and fake source objects: the saved table, patchItem,
 * patchModule with hooks and subscribers, events, unpatch, argument checks.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { registerFacade } from '../shims/shared/live-facades.js';
import { GreenError } from '../runtime/errors.js';
import {
  saved, patchItem, patchModule, patchAll, patchThread, getOriginal, isModulePatched, isObjectPatched,
  isAnythingPatched, unpatch, subscribe, DoNotPatch, WillPatchModuleEvent, DidPatchModuleEvent,
  WillPatchAllEvent, DidPatchAllEvent, type MonkeyEvent,
} from '../monkey/index.js';

const require = createRequire(import.meta.url);

// A stand-in facade: two live bindings reassigned only by the registry's setter.
const realSleep = (): string => 'real sleep';
const realNow = (): string => 'real now';
let sleep = realSleep;
let now = realNow;
registerFacade('test-clock', { sleep, now }, (attr, value: any) => {
  if (attr === 'sleep') sleep = value;
  if (attr === 'now') now = value;
});
const greenSleep = (): string => 'green sleep';

afterEach(() => unpatch());

test('patchItem on a module name reassigns the live binding and saves the first original', () => {
  assert.equal(isAnythingPatched(), false);
  patchItem('test-clock', 'sleep', greenSleep);
  assert.equal(sleep, greenSleep);
  patchItem('test-clock', 'sleep', () => 'third');
  assert.equal(saved['test-clock']?.sleep, realSleep, 'first original wins');
  assert.equal(getOriginal('test-clock', 'sleep'), realSleep);
  assert.deepEqual(getOriginal('test-clock', ['sleep', 'now']), [realSleep, realNow]);
  assert.equal(isModulePatched('test-clock'), true);
  assert.equal(isObjectPatched('test-clock', 'sleep'), true);
  assert.equal(isObjectPatched('test-clock', 'now'), false);
  assert.equal(isAnythingPatched(), true);
});

test('unpatch(name) restores, drops the entries and reports whether it did anything', () => {
  patchItem('test-clock', 'sleep', greenSleep);
  patchItem('test-clock', 'now', greenSleep);
  assert.equal(unpatch('test-clock'), true);
  assert.equal(sleep, realSleep);
  assert.equal(now, realNow);
  assert.equal('test-clock' in saved, false);
  assert.equal(isModulePatched('test-clock'), false);
  assert.equal(unpatch('test-clock'), false);
  assert.equal(unpatch(), false);
});

test('patchItem refuses unknown modules and exports before touching anything', () => {
  assert.throws(() => patchItem('no-such-facade', 'x', 1), { name: 'TypeError', message: /no facade for module 'no-such-facade'/ });
  assert.throws(() => patchItem('test-clock', 'nope', 1), { name: 'TypeError', message: /has no export 'nope'/ });
  assert.throws(() => getOriginal('test-clock', 'nope'), { name: 'TypeError', message: /has no export 'nope'/ });
  assert.equal(isAnythingPatched(), false);
});

test('argument checks name the argument', () => {
  assert.throws(() => patchItem(42 as never, 'x', 1), { name: 'TypeError', message: /target must be a module name or an object/ });
  assert.throws(() => patchItem('', 'x', 1), { name: 'TypeError', message: /empty string/ });
  assert.throws(() => patchItem('test-clock', '' as never, 1), { name: 'TypeError', message: /attr must be a non-empty string/ });
  assert.throws(() => getOriginal(null as never, 'x'), { name: 'TypeError', message: /module must be/ });
  assert.throws(() => getOriginal('test-clock', 7 as never), { name: 'TypeError', message: /name must be a non-empty string/ });
  assert.throws(() => isModulePatched(undefined as never), { name: 'TypeError' });
  assert.throws(() => isObjectPatched('test-clock', null as never), { name: 'TypeError' });
  assert.throws(() => unpatch(3 as never), { name: 'TypeError' });
  assert.throws(() => patchModule('test-clock', null as never), { name: 'TypeError', message: /source must be an object/ });
  assert.throws(() => patchModule('test-clock', {}), { name: 'TypeError', message: /__implements__/ });
  assert.throws(() => patchModule('test-clock', { sleep: 1 }, ['sleep', 'now']), { name: 'TypeError', message: /source has no 'now'/ });
  assert.equal(isAnythingPatched(), false, 'a failed check patches nothing');
});

test('object targets are kept by identity; an attribute that was absent is removed again', () => {
  const exportsA: Record<string, unknown> = { run: 'a' };
  const exportsB: Record<string, unknown> = { run: 'b' };
  patchItem(exportsA, 'run', 'patched');
  patchItem(exportsA, 'extra', 'added');
  patchItem(exportsA, 'run', 'again');
  assert.equal(exportsA.run, 'again');
  assert.equal(getOriginal(exportsA, 'run'), 'a');
  assert.equal(getOriginal(exportsA, 'extra'), undefined);
  assert.equal(getOriginal(exportsB, 'run'), 'b', 'unpatched object: current value');
  assert.equal(isModulePatched(exportsA), true);
  assert.equal(isModulePatched(exportsB), false);
  assert.equal(isObjectPatched(exportsA, 'extra'), true);
  assert.equal(isObjectPatched(exportsB, 'run'), false);
  assert.equal('exportsA' in saved, false);
  assert.equal(unpatch(exportsA), true);
  assert.deepEqual(exportsA, { run: 'a' });
  assert.equal(unpatch(exportsA), false);
});

test('a frozen object cannot be patched and nothing is recorded', () => {
  const frozen = Object.freeze({ run: 1 });
  assert.throws(() => patchItem(frozen, 'run', 2), TypeError);
  assert.equal(isModulePatched(frozen), false);
});

test("a builtin's exports patched as an object are seen by import too, and unpatched", async () => {
  const os = require('node:os') as typeof import('node:os');
  const original = os.hostname;
  patchItem(os, 'hostname', () => 'green-host');
  const esm = await import('node:os');
  assert.equal(esm.hostname(), 'green-host');
  unpatch(os);
  assert.equal(esm.hostname, original);
  assert.equal(os.hostname, original);
});

test('unpatch() restores modules and objects alike', () => {
  const exports: Record<string, unknown> = { run: 'a' };
  patchItem(exports, 'run', 'b');
  patchItem('test-clock', 'sleep', greenSleep);
  assert.equal(unpatch(), true);
  assert.equal(exports.run, 'a');
  assert.equal(sleep, realSleep);
  assert.equal(isAnythingPatched(), false);
});

test('patchModule uses __implements__, runs the hooks and tells subscribers before and after', () => {
  const calls: string[] = [];
  const events: MonkeyEvent[] = [];
  const source = {
    __implements__: ['sleep'],
    sleep: greenSleep,
    willMonkeyPatch(target: unknown, items: readonly string[], warn: unknown) {
      calls.push(`will ${String(target)} ${items.join()} ${typeof warn}`);
      assert.equal(sleep, realSleep);
    },
    didMonkeyPatch(target: unknown, items: readonly string[]) {
      calls.push(`did ${String(target)} ${items.join()}`);
      assert.equal(sleep, greenSleep);
    },
  };
  const unsubscribe = subscribe((e) => events.push(e));
  try {
    assert.equal(patchModule('test-clock', source), true);
  } finally {
    unsubscribe();
  }
  assert.deepEqual(calls, ['will test-clock sleep function', 'did test-clock sleep']);
  assert.equal(events.length, 2);
  const [will, did] = events as [WillPatchModuleEvent, DidPatchModuleEvent];
  assert.ok(will instanceof WillPatchModuleEvent && !(will instanceof DidPatchModuleEvent));
  assert.ok(did instanceof DidPatchModuleEvent && !(did instanceof WillPatchModuleEvent));
  assert.deepEqual([did.moduleName, did.source, did.target, did.items], ['test-clock', source, 'test-clock', ['sleep']]);
  assert.equal(now, realNow, 'only the items are replaced');
});

test('explicit items override __implements__; an object target has moduleName null', () => {
  const target: Record<string, unknown> = { a: 1, b: 2 };
  let event: WillPatchModuleEvent | undefined;
  const unsubscribe = subscribe((e) => { if (e instanceof WillPatchModuleEvent) event = e; });
  try {
    assert.equal(patchModule(target, { __implements__: ['a', 'b'], a: 10, b: 20 }, ['b']), true);
  } finally {
    unsubscribe();
  }
  assert.deepEqual(target, { a: 1, b: 20 });
  assert.equal(event?.moduleName, null);
});

test('DoNotPatch from the will hook or a will-event subscriber cancels the patch', () => {
  const vetoed = { __implements__: ['sleep'], sleep: greenSleep, willMonkeyPatch() { throw new DoNotPatch(); } };
  assert.equal(patchModule('test-clock', vetoed), false);
  assert.equal(isAnythingPatched(), false);

  const unsubscribe = subscribe((e) => { if (e instanceof WillPatchModuleEvent) throw new DoNotPatch('not today'); });
  try {
    assert.equal(patchModule('test-clock', { __implements__: ['sleep'], sleep: greenSleep }), false);
  } finally {
    unsubscribe();
  }
  assert.equal(sleep, realSleep);
  assert.equal(patchModule('test-clock', { __implements__: ['sleep'], sleep: greenSleep }), true, 'unsubscribed');
});

test('any other error from a hook or subscriber propagates', () => {
  const broken = { __implements__: ['sleep'], sleep: greenSleep, willMonkeyPatch() { throw new Error('boom'); } };
  assert.throws(() => patchModule('test-clock', broken), /boom/);
  const unsubscribe = subscribe(() => { throw new RangeError('subscriber bug'); });
  try {
    assert.throws(() => patchModule('test-clock', { __implements__: ['sleep'], sleep: greenSleep }), RangeError);
  } finally {
    unsubscribe();
  }
  assert.equal(isAnythingPatched(), false);
});

test('the warn callback given to hooks emits a MonkeyPatchWarning', async () => {
  const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
  patchModule('test-clock', { __implements__: ['now'], now: greenSleep, didMonkeyPatch(_t: unknown, _i: unknown, warn: (m: string) => void) { warn('careful'); } });
  const warning = await warned;
  assert.equal(warning.name, 'MonkeyPatchWarning');
  assert.equal(warning.message, 'careful');
});

test('DoNotPatch is a GreenError with a stable name and code', () => {
  const e = new DoNotPatch();
  assert.ok(e instanceof GreenError);
  assert.equal(e.name, 'DoNotPatch');
  assert.equal(e.code, 'ERR_GREEN_DO_NOT_PATCH');
  assert.throws(() => subscribe('nope' as never), { name: 'TypeError', message: /fn must be a function/ });
});

test('patchAll announces itself; a WillPatchAllEvent veto stops everything', async () => {
  const events: MonkeyEvent[] = [];
  let unsubscribe = subscribe((e) => events.push(e));
  try {
    assert.equal(await patchAll({ thread: false, time: false }), true);
  } finally {
    unsubscribe();
  }
  assert.equal(events.length, 2);
  const [will, did] = events as [WillPatchAllEvent, DidPatchAllEvent];
  assert.ok(will instanceof WillPatchAllEvent && did instanceof DidPatchAllEvent);
  assert.deepEqual(will.options, { thread: false, time: false });
  assert.equal(will.willPatchModule('threading'), false);
  assert.equal(will.willPatchModule('os'), false);

  unsubscribe = subscribe((e) => { if (e instanceof WillPatchAllEvent) { assert.equal(e.willPatchModule('time'), true); throw new DoNotPatch(); } });
  try {
    assert.equal(await patchAll(), false);
  } finally {
    unsubscribe();
  }
  assert.equal(isAnythingPatched(), false);
});

test('patchAll and patchThread check their options before loading anything', async () => {
  assert.throws(() => patchAll({ thread: 'yes' } as never), { name: 'TypeError', message: /options.thread must be a boolean/ });
  assert.throws(() => patchAll(5 as never), { name: 'TypeError', message: /options must be an object/ });
  assert.throws(() => patchThread({ existingLocks: 0 } as never), { name: 'TypeError', message: /options.existingLocks/ });
});
