/**
 * A shared lock suite, modelled on CPython's Lib/test/lock_tests.py: the
 * behaviours every `threading` implementation (green or native) must have
 * for Lock, RLock, Event, Condition, Semaphore, BoundedSemaphore and Barrier.
 *
 * `lockTests(name, impl, spawnWorker)` registers node:test tests against the
 * module object `impl`. Concurrency comes from `spawnWorker(body, args)`,
 * which runs one of the bodies of test/fixtures/lock/workers.ts in a new,
 * started thread: the worker sees the test only through the primitives and
 * the shared Int32Array passed in `args`, so it needs no closure and the
 * same test runs on both sides. A runner may skip a test by name, with a reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as workers from './fixtures/lock/workers.js';

/** A worker body of test/fixtures/lock/workers.ts. */
export type WorkerBody = keyof typeof workers;

/** Something a test can join. */
export interface Joinable {
  join(timeout?: number | null): Promise<void>;
}

/** Start a thread running `body(...args)`; resolves once it is started. */
export type SpawnWorker = (body: WorkerBody, args: unknown[]) => Promise<Joinable>;

type Ctor<T> = new (...args: any[]) => T;
interface LockLike {
  acquire(blocking?: unknown, timeout?: number | null): Promise<boolean>;
  release(): void;
  locked?(): boolean;
}
interface SemaphoreLike extends LockLike {
  release(n?: number): void;
}
interface EventLike {
  is_set(): boolean;
  set(): void;
  clear(): void;
  wait(timeout?: number | null): Promise<boolean>;
}
interface ConditionLike extends LockLike {
  wait(timeout?: number | null): Promise<boolean>;
  wait_for<T>(predicate: () => T, timeout?: number | null): Promise<T>;
  notify(n?: number): void;
  notify_all(): void;
}
interface BarrierLike {
  wait(timeout?: number | null): Promise<number>;
  reset(): void;
  abort(): void;
  readonly parties: number;
  readonly n_waiting: number;
  readonly broken: boolean;
}

/** What the suite needs from a `threading` module. */
export interface ThreadingImpl {
  Lock: Ctor<LockLike>;
  RLock: Ctor<LockLike>;
  Event: Ctor<EventLike>;
  Condition: Ctor<ConditionLike>;
  Semaphore: Ctor<SemaphoreLike>;
  BoundedSemaphore: Ctor<SemaphoreLike>;
  Barrier: Ctor<BarrierLike>;
  BrokenBarrierError: Ctor<Error>;
  ThreadError: Ctor<Error>;
}

/** Options of {@link lockTests}. */
export interface LockTestOptions {
  /** Test titles (without the prefix) to skip, with the reason. */
  skip?: Record<string, string>;
}

const shared = (n = 8): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n));
const pause = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait (letting the event loop and the hub run) until `predicate()` holds; fail after ~10 s. */
async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !predicate(); i++) await pause(5);
  assert.ok(predicate(), `timed out waiting for ${what}`);
}

async function joinAll(workers: Joinable[]): Promise<void> {
  for (const w of workers) await w.join();
}

/**
 * Register the shared lock suite for one implementation.
 *
 * @example
 * lockTests('green', greenThreading, async (body, args) => { const t = new Thread({ target: workers[body], args }); await t.start(); return t; });
 */
export function lockTests(name: string, impl: ThreadingImpl, spawnWorker: SpawnWorker, options: LockTestOptions = {}): void {
  const it = (title: string, fn: () => Promise<void> | void): void => {
    test(`${name}: ${title}`, { skip: options.skip?.[title] ?? false }, fn);
  };
  const isThreadError = (message: string) => (e: unknown): boolean =>
    e instanceof impl.ThreadError && (e as Error).message === message;
  const isBroken = (e: unknown): boolean => e instanceof impl.BrokenBarrierError;

  // Lock

  it('Lock: acquire and release', async () => {
    const lock = new impl.Lock();
    assert.equal(lock.locked!(), false);
    assert.equal(await lock.acquire(), true);
    assert.equal(lock.locked!(), true);
    lock.release();
    assert.equal(lock.locked!(), false);
  });

  it('Lock: a non-blocking acquire fails while held', async () => {
    const lock = new impl.Lock();
    await lock.acquire();
    assert.equal(await lock.acquire(false), false);
    const out = shared();
    await (await spawnWorker('tryAcquire', [lock, out])).join();
    assert.equal(out[0], 2);
    lock.release();
    assert.equal(await lock.acquire(false), true);
    lock.release();
  });

  it('acquire(false, timeout) is refused by every lock (RangeError, as Python refuses it)', () => {
    for (const lock of [new impl.Lock(), new impl.RLock(), new impl.Semaphore(1), new impl.BoundedSemaphore(1), new impl.Condition()]) {
      assert.throws(() => lock.acquire(false, 5), { name: 'RangeError', message: "can't specify a timeout for a non-blocking call, got timeout 5" });
    }
  });

  it('Lock: a timed-out acquire resolves false', async () => {
    const lock = new impl.Lock();
    await lock.acquire();
    assert.equal(await lock.acquire(true, 0.02), false);
    assert.equal(await lock.acquire(true, 0), false);
    lock.release();
  });

  it('Lock: releasing an unlocked lock throws ThreadError', () => {
    const lock = new impl.Lock();
    assert.throws(() => lock.release(), isThreadError('release unlocked lock'));
  });

  it('Lock: another thread may release it', async () => {
    const lock = new impl.Lock();
    await lock.acquire();
    await (await spawnWorker('releaseOnly', [lock])).join();
    assert.equal(lock.locked!(), false);
  });

  it('Lock: a waiting thread gets it once released', async () => {
    const lock = new impl.Lock();
    const out = shared();
    await lock.acquire();
    const worker = await spawnWorker('acquireMark', [lock, out]);
    await pause();
    assert.equal(Atomics.load(out, 0), 0);
    lock.release();
    await worker.join();
    assert.equal(Atomics.load(out, 0), 1);
    assert.equal(lock.locked!(), false);
  });

  it('Lock: bad arguments fail fast', () => {
    const lock = new impl.Lock();
    assert.throws(() => lock.acquire(true, -2), RangeError);
    assert.throws(() => lock.acquire(false, 1), RangeError);
    assert.throws(() => lock.acquire(0 as never, 1), RangeError);
  });

  it('Lock, RLock, Semaphore: blocking takes Python truth values; timeout -1 means none', async () => {
    const lock = new impl.Lock();
    assert.equal(await lock.acquire(1 as never), true);
    for (const no of [0, '', [], {}, null, NaN]) assert.equal(await lock.acquire(no as never), false, `acquire(${JSON.stringify(no)})`);
    lock.release();
    assert.equal(await lock.acquire('yes' as never, -1), true);
    lock.release();
    const sem = new impl.Semaphore(0);
    assert.equal(await sem.acquire(0 as never), false);
    const rlock = new impl.RLock();
    assert.equal(await rlock.acquire([1] as never), true);
    rlock.release();
  });

  // RLock

  it('RLock: the owner may acquire it again and must release as often', async () => {
    const lock = new impl.RLock();
    assert.equal(await lock.acquire(), true);
    assert.equal(await lock.acquire(), true);
    assert.equal(await lock.acquire(false), true);
    lock.release();
    lock.release();
    lock.release();
    assert.throws(() => lock.release(), isThreadError('cannot release un-acquired lock'));
  });

  it('RLock: only the owner may release it', async () => {
    const lock = new impl.RLock();
    const out = shared();
    await lock.acquire();
    await (await spawnWorker('tryRelease', [lock, out])).join();
    assert.equal(out[0], 1);
    lock.release();
  });

  it('RLock: held until released as many times as acquired', async () => {
    const lock = new impl.RLock();
    const out = shared();
    for (let i = 0; i < 3; i++) await lock.acquire();
    lock.release();
    lock.release();
    await (await spawnWorker('tryAcquire', [lock, out])).join();
    assert.equal(out[0], 2, 'another thread cannot take it while held once more');
    lock.release();
    await (await spawnWorker('tryAcquire', [lock, out])).join();
    assert.equal(out[0], 1);
  });

  it('RLock: a waiting thread gets it once fully released', async () => {
    const lock = new impl.RLock();
    const out = shared();
    await lock.acquire();
    await lock.acquire();
    const worker = await spawnWorker('acquireMark', [lock, out]);
    lock.release();
    await pause();
    assert.equal(Atomics.load(out, 0), 0);
    lock.release();
    await worker.join();
    assert.equal(Atomics.load(out, 0), 1);
  });

  // Event

  it('Event: set, clear, is_set', async () => {
    const event = new impl.Event();
    assert.equal(event.is_set(), false);
    event.set();
    assert.equal(event.is_set(), true);
    assert.equal(await event.wait(), true);
    event.clear();
    assert.equal(event.is_set(), false);
  });

  it('Event: a timed-out wait resolves false', async () => {
    const event = new impl.Event();
    assert.equal(await event.wait(0.02), false);
    assert.equal(await event.wait(0), false);
  });

  it('Event: set wakes every waiter', async () => {
    const event = new impl.Event();
    const out = shared();
    const waiting = await Promise.all([1, 2, 3].map(() => spawnWorker('waitEvent', [event, out])));
    await pause();
    assert.equal(Atomics.load(out, 0), 0);
    event.set();
    await joinAll(waiting);
    assert.equal(Atomics.load(out, 0), 3);
  });

  it('Event: bad timeout fails fast', () => {
    assert.throws(() => new impl.Event().wait(-1), RangeError);
  });

  // Condition

  it('Condition: notify wakes one waiter, notify_all the rest', async () => {
    const cond = new impl.Condition();
    const out = shared();
    const waiting = await Promise.all([1, 2, 3].map(() => spawnWorker('conditionWait', [cond, out])));
    await until(() => Atomics.load(out, 1) === 3, 'three waiters');
    await cond.acquire();
    cond.notify();
    cond.release();
    await until(() => Atomics.load(out, 0) === 1, 'one wake-up');
    await pause();
    assert.equal(Atomics.load(out, 0), 1, 'notify() woke exactly one');
    await cond.acquire();
    cond.notify_all();
    cond.release();
    await joinAll(waiting);
    assert.equal(Atomics.load(out, 0), 3);
  });

  it('Condition: a timed-out wait resolves false and keeps the lock', async () => {
    const cond = new impl.Condition(new impl.Lock());
    await cond.acquire();
    assert.equal(await cond.wait(0.02), false);
    cond.release();
  });

  it('Condition: an RLock held twice is released while waiting and restored after', async () => {
    const lock = new impl.RLock();
    const cond = new impl.Condition(lock);
    await lock.acquire();
    await lock.acquire();
    assert.equal(await cond.wait(0.02), false);
    lock.release();
    lock.release();
    assert.throws(() => lock.release(), isThreadError('cannot release un-acquired lock'));
  });

  it('Condition: wait and notify need the lock', () => {
    const cond = new impl.Condition();
    assert.throws(() => cond.wait(), isThreadError('cannot wait on un-acquired lock'));
    assert.throws(() => cond.notify(), isThreadError('cannot notify on un-acquired lock'));
  });

  it('Condition: wait_for returns once the predicate holds', async () => {
    const cond = new impl.Condition();
    const out = shared();
    await cond.acquire();
    const worker = await spawnWorker('setAndNotify', [cond, out]);
    assert.equal(await cond.wait_for(() => Atomics.load(out, 0) === 1, 10), true);
    cond.release();
    await worker.join();
  });

  it('Condition: wait_for returns the falsy predicate result on timeout', async () => {
    const cond = new impl.Condition();
    await cond.acquire();
    assert.equal(await cond.wait_for(() => 0, 0.02), 0);
    cond.release();
  });

  // Semaphore

  it('Semaphore: counts, refuses when empty, release(n)', async () => {
    const sem = new impl.Semaphore(2);
    assert.equal(await sem.acquire(), true);
    assert.equal(await sem.acquire(false), true);
    assert.equal(await sem.acquire(false), false);
    assert.equal(await sem.acquire(true, 0.02), false);
    sem.release(2);
    assert.equal(await sem.acquire(false), true);
    assert.equal(await sem.acquire(false), true);
  });

  it('Semaphore: a release wakes a waiting thread', async () => {
    const sem = new impl.Semaphore(0);
    const out = shared();
    const worker = await spawnWorker('acquireMark', [sem, out]);
    await pause();
    assert.equal(Atomics.load(out, 0), 0);
    sem.release();
    await worker.join();
    assert.equal(Atomics.load(out, 0), 1);
  });

  it('Semaphore: bad arguments fail fast', () => {
    assert.throws(() => new impl.Semaphore(-1), RangeError);
    assert.throws(() => new impl.Semaphore(1.5), RangeError);
    assert.throws(() => new impl.Semaphore(1).release(0), RangeError);
  });

  it('BoundedSemaphore: releasing past the initial value throws', async () => {
    const sem = new impl.BoundedSemaphore(2);
    assert.throws(() => sem.release(), isThreadError('Semaphore released too many times'));
    await sem.acquire();
    assert.throws(() => sem.release(2), isThreadError('Semaphore released too many times'));
    sem.release();
  });

  // Barrier

  it('Barrier: all parties pass with distinct indices 0..n-1', async () => {
    const barrier = new impl.Barrier(3);
    const out = shared();
    assert.equal(barrier.parties, 3);
    const waiting = await Promise.all([0, 1].map((slot) => spawnWorker('barrierWait', [barrier, out, slot])));
    await until(() => barrier.n_waiting === 2, 'two waiting');
    const mine = await barrier.wait();
    await joinAll(waiting);
    assert.deepEqual([out[0]! - 1, out[1]! - 1, mine].sort(), [0, 1, 2]);
    assert.equal(barrier.n_waiting, 0);
  });

  it('Barrier: the action runs once, in the last thread to arrive', async () => {
    let runs = 0;
    const barrier = new impl.Barrier(2, () => void (runs += 1));
    const out = shared();
    const worker = await spawnWorker('barrierWait', [barrier, out, 0]);
    await until(() => barrier.n_waiting === 1, 'one waiting');
    await barrier.wait();
    await worker.join();
    assert.equal(runs, 1);
    assert.equal(out[0]! > 0, true);
  });

  it('Barrier: abort breaks it for waiters and later callers until reset', async () => {
    const barrier = new impl.Barrier(2);
    const out = shared();
    const worker = await spawnWorker('barrierWait', [barrier, out, 0]);
    await until(() => barrier.n_waiting === 1, 'one waiting');
    barrier.abort();
    await worker.join();
    assert.equal(out[0], -1);
    assert.equal(barrier.broken, true);
    await assert.rejects(barrier.wait(), isBroken);
    barrier.reset();
    assert.equal(barrier.broken, false);
  });

  it('Barrier: reset breaks the current round only', async () => {
    const barrier = new impl.Barrier(2);
    const out = shared();
    const first = await spawnWorker('barrierWait', [barrier, out, 0]);
    await until(() => barrier.n_waiting === 1, 'one waiting');
    barrier.reset();
    await first.join();
    assert.equal(out[0], -1);
    assert.equal(barrier.broken, false);
    const second = await spawnWorker('barrierWait', [barrier, out, 1]);
    await until(() => barrier.n_waiting === 1, 'one waiting again');
    await barrier.wait();
    await second.join();
    assert.equal(out[1]! > 0, true);
  });

  it('Barrier: a timeout breaks it', async () => {
    const barrier = new impl.Barrier(2, null, 0.02);
    await assert.rejects(barrier.wait(), isBroken);
    assert.equal(barrier.broken, true);
    barrier.reset();
    await assert.rejects(barrier.wait(0.01), isBroken);
  });

  it('Barrier: bad arguments fail fast', () => {
    assert.throws(() => new impl.Barrier(0), RangeError);
    assert.throws(() => new impl.Barrier(2, 42 as never), TypeError);
    assert.throws(() => new impl.Barrier(2).wait(-1), RangeError);
  });
}
