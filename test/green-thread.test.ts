/**
 * Green `_thread`: start_new_thread spawns a green thread, locks are green
 * (a failed non-blocking acquire yields once, so spin locks progress),
 * exit() ends a thread quietly, and `__implements__` is exact.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sleep, spawn, Event as HubEvent } from '../runtime/index.js';
import { patchItem, unpatch } from '../monkey/index.js';
import { facade } from '../shims/shared/live-facades.js';
import type { ExceptHookArgs } from '../shims/shared/excepthook.js';
import { ThreadError } from '../shims/shared/errors.js';
import * as green from '../shims/green/thread.js';
import { Lock } from '../shims/green/threading.js';
import * as native from '../shims/native/thread.js';
import '../shims/thread.js';
import '../shims/threading.js';

const { start_new_thread, allocate_lock, LockType, get_ident, exit, _local } = green;

let hooked: ExceptHookArgs[] = [];
before(() => patchItem('threading', 'excepthook', (args: ExceptHookArgs) => hooked.push(args)));
after(() => unpatch('threading'));

test('start_new_thread runs fn(...args, kwargs) in a green thread and returns its ident', async () => {
  const done = new HubEvent();
  const seen: unknown[] = [];
  const ident = start_new_thread((...args: unknown[]) => {
    seen.push(get_ident(), ...args);
    done.set();
  }, [1, 2], { k: 3 });
  assert.equal(typeof ident, 'number');
  assert.notEqual(ident, get_ident());
  await done.wait();
  assert.deepEqual(seen, [ident, 1, 2, { k: 3 }]);
  const plain: unknown[][] = [];
  start_new_thread((...args: unknown[]) => void plain.push(args), ['x']);
  await sleep(0.01);
  assert.deepEqual(plain, [['x']]);
});

test('an uncaught error of start_new_thread goes to threading.excepthook', async () => {
  hooked = [];
  const boom = new Error('boom');
  start_new_thread(() => { throw boom; }, []);
  await sleep(0.01);
  assert.equal(hooked.length, 1);
  assert.equal(hooked[0]!.exc_value, boom);
});

test('exit() ends the thread quietly after its finally blocks', async () => {
  hooked = [];
  const steps: string[] = [];
  start_new_thread(() => {
    try {
      exit();
      steps.push('not reached');
    } finally {
      steps.push('finally');
    }
  }, []);
  await sleep(0.01);
  assert.deepEqual(steps, ['finally']);
  assert.deepEqual(hooked, []);
});

test('allocate_lock gives an unlocked LockType, the same class as threading.Lock', async () => {
  const lock = allocate_lock();
  assert.ok(lock instanceof LockType);
  assert.equal(LockType, Lock);
  assert.equal(lock.locked(), false);
  assert.equal(await lock.acquire(), true);
  assert.equal(await lock.acquire(false), false);
  lock.release();
  assert.throws(() => lock.release(), (e: unknown) => e instanceof green.error && (e as Error).message === 'release unlocked lock');
});

test('a failed non-blocking acquire yields once, so a spin lock lets the holder run', async () => {
  const lock = allocate_lock();
  let ran = false;
  spawn(async () => {
    await lock.acquire();
    await new Promise((resolve) => setTimeout(resolve, 5)); // needs the event loop, not just the hub
    ran = true;
    lock.release();
  });
  await sleep(0);
  assert.equal(lock.locked(), true);
  let spins = 0;
  while (!(await lock.acquire(false))) {
    if (++spins > 1e6) assert.fail('spinning on acquire(false) starved the holder');
  }
  assert.equal(ran, true, 'the holder ran while we spun');
  assert.ok(spins > 0);
  lock.release();
});

test('_local is per green thread; the shared names are the native ones', async () => {
  const data = new _local() as Record<string, unknown>;
  data.v = 1;
  let inside: unknown = 'unset';
  start_new_thread(() => void (inside = data.v), []);
  await sleep(0.01);
  assert.equal(inside, undefined);
  assert.equal(data.v, 1);
  assert.equal(green.error, ThreadError);
  assert.equal(green.TIMEOUT_MAX, native.TIMEOUT_MAX);
  assert.equal(green.stack_size(), native.stack_size());
  assert.equal(green.get_native_id(), native.get_native_id());
});

test('bad arguments fail fast, naming the argument', () => {
  assert.throws(() => start_new_thread(42 as never, []), (e: unknown) => e instanceof TypeError && /fn/.test((e as Error).message));
  assert.throws(() => start_new_thread(null as never, []), /fn/);
  assert.throws(() => start_new_thread(() => {}, 5 as never), /args/);
  assert.throws(() => start_new_thread(() => {}, [], 5 as never), /kwargs/);
});

test('__implements__ lists exactly the names that differ from the native module', () => {
  assert.equal(green.__target__, 'thread');
  const names = Object.keys(facade('thread')!.current);
  for (const name of green.__implements__) {
    assert.ok(names.includes(name), `${name} is a _thread name`);
    assert.notEqual((green as Record<string, unknown>)[name], (native as Record<string, unknown>)[name], name);
  }
  for (const name of names.filter((n) => !green.__implements__.includes(n))) {
    assert.equal((green as Record<string, unknown>)[name], (native as Record<string, unknown>)[name], `${name} is shared`);
  }
});
