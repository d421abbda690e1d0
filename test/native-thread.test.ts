/**
 * Native `_thread`: start_new_thread, locks, exit, stack_size, _local; and
 * the worker plumbing behind every native thread (preload filtering, shared
 * object encoding).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { registerFacade, type Facade } from '../shims/shared/live-facades.js';
import { defaultExcepthook, type ExceptHookArgs } from '../shims/shared/excepthook.js';
import { ThreadError, ThreadExit } from '../shims/shared/errors.js';
import {
  _local, allocate_lock, error, exit, get_ident, get_native_id, LockType, stack_size, start_new_thread, TIMEOUT_MAX,
} from '../shims/native/thread.js';
import { Lock, Thread } from '../shims/native/threading.js';
import { decode, encode } from '../shims/native/shareable.js';
import { userPreloads } from '../shims/native/worker-options.js';

const targets = new URL('./fixtures/native/targets.js', import.meta.url);
const shared = (n = 4): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n));

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(predicate(), `timed out waiting for ${what}`);
}

let hooks: Facade;
const seen: ExceptHookArgs[] = [];
before(() => {
  hooks = registerFacade('threading', { excepthook: defaultExcepthook }, () => {});
  hooks.set('excepthook', (args: ExceptHookArgs) => seen.push(args));
});
after(() => hooks.set('excepthook', defaultExcepthook));

test('start_new_thread runs fn(...args, kwargs) on a new thread and returns its ident', async () => {
  const out = shared();
  const done = allocate_lock();
  await done.acquire();
  const ident = start_new_thread(
    (o: Int32Array, l: Lock, kw: { v: number }) => {
      o[0] = kw.v;
      l.release();
    },
    [out, done],
    { v: 3 },
  );
  assert.equal(typeof ident, 'number');
  assert.notEqual(ident, get_ident());
  assert.equal(await done.acquire(true, 10), true);
  assert.equal(out[0], 3);
  start_new_thread((o: Int32Array) => void (o[1] = 4), [out]);
  await until(() => out[1] === 4, 'the second thread');
  assert.throws(() => start_new_thread(null as never, []), { name: 'TypeError', message: /fn .*must be a function, got null/ });
});

test('allocate_lock, LockType, error, TIMEOUT_MAX, get_native_id', async () => {
  const lock = allocate_lock();
  assert.ok(lock instanceof LockType);
  assert.equal(LockType, Lock);
  assert.equal(error, ThreadError);
  assert.throws(() => lock.release(), error);
  assert.ok(TIMEOUT_MAX > 0);
  assert.equal(get_native_id(), process.pid);
});

test('exit() ends a thread quietly, running finally blocks; on the main thread it throws ThreadExit', async () => {
  const out = shared();
  const t = new Thread({ target: { module: targets, export: 'exitEarly' }, args: [out] });
  await t.start();
  await t.join();
  assert.deepEqual([out[0], out[1]], [1, 0]);
  assert.equal(seen.length, 0);
  assert.throws(() => exit(), (e: unknown) => e instanceof ThreadExit && e.code === 'ERR_GREEN_THREAD_EXIT');
});

test('stack_size gets and sets the stack of later threads', async () => {
  assert.equal(stack_size(), 0);
  assert.equal(stack_size(2 ** 20), 0);
  assert.equal(stack_size(), 2 ** 20);
  const out = shared();
  const t = new Thread({ target: (o: Int32Array) => void (o[0] = 1), args: [out] });
  await t.start();
  await t.join();
  assert.equal(out[0], 1);
  assert.equal(stack_size(0), 2 ** 20);
  assert.throws(() => stack_size(1000), { name: 'RangeError', message: 'size not valid: 1000 bytes' });
  assert.throws(() => stack_size(-1), { name: 'RangeError', message: /size/ });
});

test('_local is per thread', async () => {
  const data = new _local();
  data.x = 1;
  const out = shared();
  const t = new Thread({ target: (l: { x?: number }, o: Int32Array) => void (o[0] = l.x ?? -1), args: [data, out] });
  await t.start();
  await t.join();
  assert.equal(out[0], -1);
});

test("native threads re-run the user's --import preloads, not green-loader's", async () => {
  const preload = new URL('../loader/preload.js', import.meta.url);
  assert.deepEqual(userPreloads(['--import', 'tsx', '--import=green-loader', '-r', 'x.cjs', '--max-old-space-size=99'], ''), ['tsx']);
  assert.deepEqual(userPreloads([], '--import green-loader --max-old-space-size=99'), []);
  assert.deepEqual(userPreloads(['--import', './b.mjs'], `--import "${preload.pathname}" --import=./a.mjs --import=green-loader/runtime`), [
    './a.mjs',
    './b.mjs',
  ]);
  assert.deepEqual(userPreloads([`--import=${preload.href}`, '--import', 'apm', '--import'], '--import apm'), ['apm']);
  assert.deepEqual(userPreloads([], ''), []);

  const out = shared();
  const probe = (o: Int32Array) => {
    o[0] = process.execArgv.some((arg) => arg.startsWith('--import')) ? 2 : 1;
  };
  const t = new Thread({ target: probe, args: [out] });
  await t.start();
  await t.join();
  assert.equal(out[0], process.execArgv.some((arg) => arg.startsWith('--import')) ? 2 : 1, 'execArgv is inherited');
});

test('shared objects are encoded at any depth, cycles kept, unknown kinds refused', () => {
  const lock = new Lock();
  const cyclic: Record<string, unknown> = { lock, list: [lock, 1, new Map()] };
  cyclic.self = cyclic;
  const copy = decode(structuredClone(encode(cyclic))) as typeof cyclic;
  assert.equal(copy.self, copy);
  assert.ok(copy.lock instanceof Lock);
  assert.equal((copy.list as unknown[])[0], copy.lock);
  assert.ok((copy.list as unknown[])[2] instanceof Map);
  assert.throws(() => decode({ __greenLoaderShared__: 'Nope', data: null }), { name: 'TypeError', message: /Nope/ });
});
