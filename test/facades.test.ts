/**
 * The shim facades against the real native modules: the exact export names
 * of SPEC §6, native values until patched, live bindings that follow
 * patchItem/unpatch through named imports, namespaces, the CommonJS twin and
 * a second (`?query`) instance of the facade.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { currentAttr } from '../shims/shared/live-facades.js';
import { patchItem, unpatch, getOriginal } from '../monkey/index.js';

const require = createRequire(import.meta.url);
const SKIP = await import('../shims/native/threading.js').then(() => false, () => 'native shims not landed');

const NAMES = {
  threading: ['Thread', 'current_thread', 'main_thread', 'get_ident', 'get_native_id', 'active_count', 'enumerate', 'Lock',
    'RLock', 'Condition', 'Semaphore', 'BoundedSemaphore', 'Event', 'Barrier', 'BrokenBarrierError', 'Timer', 'local',
    'excepthook', 'TIMEOUT_MAX'],
  thread: ['start_new_thread', 'allocate_lock', 'LockType', 'get_ident', 'get_native_id', 'exit', 'stack_size', '_local',
    'TIMEOUT_MAX', 'error'],
  time: ['sleep', 'time', 'monotonic', 'perf_counter', 'time_ns'],
} as const;

/** The ES facade, the native module and the CommonJS facade of one shim. */
async function shim(name: keyof typeof NAMES): Promise<{ esm: Record<string, unknown>; native: Record<string, unknown>; cjs: Record<string, unknown> }> {
  const esm = await import(`../shims/${name}.js`);
  const native = await import(`../shims/native/${name}.js`);
  return { esm, native, cjs: require(`../shims/${name}.cjs`) };
}

afterEach(() => unpatch());

test('each facade exports exactly the Python names, native until patched, in ESM and CommonJS', { skip: SKIP }, async () => {
  for (const name of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    const { esm, native, cjs } = await shim(name);
    assert.deepEqual(Object.keys(esm).sort(), [...NAMES[name]].sort(), name);
    assert.deepEqual(Object.keys(cjs).sort(), [...NAMES[name]].sort(), name);
    for (const attr of NAMES[name]) {
      assert.notEqual(native[attr], undefined, `native ${name}.${attr}`);
      assert.equal(esm[attr], native[attr], `${name}.${attr}`);
      assert.equal(cjs[attr], native[attr], `${name}.${attr} (cjs)`);
      assert.equal(currentAttr(name, attr), native[attr]);
    }
  }
});

test('a patch and an unpatch reach named imports, the namespace and require() alike', { skip: SKIP }, async () => {
  const { esm, native, cjs } = await shim('time');
  const named = await import('../shims/time.js');
  const snapshot = cjs.sleep;
  const fake = async () => 'green';
  patchItem('time', 'sleep', fake);
  assert.equal(named.sleep, fake);
  assert.equal(esm.sleep, fake);
  assert.equal(cjs.sleep, fake);
  assert.equal(snapshot, native.sleep, 'a destructured copy is a snapshot, as with any CommonJS module');
  assert.equal(getOriginal('time', 'sleep'), native.sleep);
  unpatch('time');
  assert.equal(named.sleep, native.sleep);
  assert.equal(cjs.sleep, native.sleep);
});

test('a second instance of a facade starts up to date and stays in step', { skip: SKIP }, async () => {
  const fake = () => 1;
  patchItem('thread', 'get_ident', fake);
  const copy = await import('../shims/thread.js?second-copy' as string);
  assert.equal(copy.get_ident, fake);
  unpatch('thread');
  const { native } = await shim('thread');
  assert.equal(copy.get_ident, native.get_ident);
});

test("replacing threading.excepthook is a patch that implementations read through currentAttr", { skip: SKIP }, async () => {
  const hook = () => {};
  patchItem('threading', 'excepthook', hook);
  assert.equal(currentAttr('threading', 'excepthook'), hook);
  assert.equal((await import('../shims/threading.js')).excepthook, hook);
});

test('the CommonJS facade is read-only: only the facade reassigns its exports', { skip: SKIP }, () => {
  const cjs = require('../shims/time.cjs') as Record<string, unknown>;
  assert.throws(() => { cjs.sleep = () => {}; }, TypeError);
  assert.ok(Object.isFrozen(cjs));
});

test("every facade export a green module does not implement is the value both flavours share (what a facade that comes up patched takes from it)", { skip: SKIP }, async () => {
  for (const name of ['thread', 'threading', 'queue', 'time']) {
    const facade = await import(`../shims/${name}.js`);
    const green = await import(`../shims/green/${name}.js`);
    const native = await import(`../shims/native/${name}.js`);
    const shared = Object.keys(facade).filter((attr) => !green.__implements__.includes(attr));
    assert.ok(shared.length > 0, name);
    for (const attr of shared) {
      assert.ok(attr in green, `green ${name} re-exports ${attr}`);
      assert.equal(green[attr], native[attr], `${name}.${attr}`);
    }
  }
});
