/**
 * Locks: Semaphore, BoundedSemaphore, DummySemaphore and RLock.
 *
 * Waiters are served strictly in arrival order, and a release hands the
 * permit straight to the first waiter, so no newcomer can barge in between.
 * A waiter that times out or is killed is removed from the queue at once; a
 * permit handed to a waiter is its caller's from that moment (the acquire
 * resolves true), so an interruption can never lose a permit. Both scoped
 * forms release in `finally`/`dispose`, whatever happens inside.
 *
 * @module
 */
import { getCurrent } from './current.js';
import { describeHeld, describeWait } from './describe.js';
import { LockError } from './errors.js';
import type { Greenlet } from './greenlet.js';
import { Timeout } from './timeout.js';
import { checkAcquireArgs, checkFunction, checkInteger, checkSeconds } from './validate.js';
import { expireWith, NONE, park, WaitList, takePending } from './waiter.js';

const TRUE = Promise.resolve(true);
const FALSE = Promise.resolve(false);

/** What `guard()` resolves to: releases the lock when disposed. */
export interface Held extends Disposable {
  /** Release now (idempotent); `using` calls it at scope exit. */
  release(): void;
}

/** The interface every lock here shares, so scoped helpers work on any of them. */
interface Acquirable {
  acquire(blocking?: boolean, timeout?: number | null): Promise<boolean>;
  release(): void;
}

function withLock<R>(lock: Acquirable, fn: () => R | PromiseLike<R>): Promise<R> {
  checkFunction(fn, 'fn');
  return runLocked(lock, fn);
}

async function runLocked<R>(lock: Acquirable, fn: () => R | PromiseLike<R>): Promise<R> {
  await lock.acquire();
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

function guard(lock: Acquirable, timeout?: number | null): Promise<Held> {
  checkSeconds(timeout, 'timeout');
  return acquireHeld(lock, timeout);
}

async function acquireHeld(lock: Acquirable, timeout: number | null | undefined): Promise<Held> {
  if (!(await lock.acquire(true, timeout))) throw new Timeout(timeout, `lock not acquired within ${timeout} seconds`);
  let held = true;
  const release = (): void => {
    if (held) {
      held = false;
      lock.release();
    }
  };
  return { release, [Symbol.dispose]: release };
}

/**
 * A counter of permits; `acquire` waits while it is zero.
 *
 * @example
 * const sem = new Semaphore(3); // at most 3 at once
 * await sem.withLock(async () => download(url));
 */
export class Semaphore implements Acquirable {
  /** Permits available now. */
  counter: number;
  /** @internal */ protected waiters: WaitList | null = null;

  constructor(value: number = 1) {
    checkInteger(value, 'value', 0);
    this.counter = value;
  }

  /** Greenlets waiting to acquire (introspection; 0 after they time out or die). */
  get waiterCount(): number {
    return this.waiters?.length ?? 0;
  }

  /** True when an `acquire()` now would wait. */
  locked(): boolean {
    return this.counter <= 0 || (this.waiters !== null && this.waiters.length > 0);
  }

  /**
   * Take a permit. Resolves true, or false when `blocking` is false and none
   * is free, or when `timeout` seconds pass first. A timeout with `blocking`
   * false is a RangeError, as in Python (every lock here follows that rule).
   *
   * @example
   * if (await sem.acquire(true, 1)) { try { work(); } finally { sem.release(); } }
   */
  acquire(blocking: boolean = true, timeout?: number | null): Promise<boolean> {
    checkAcquireArgs(blocking, timeout);
    if (this.counter > 0 && !this.waiters?.length) {
      const e = takePending();
      if (e !== NONE) return Promise.reject(e);
      this.counter--;
      return TRUE;
    }
    if (!blocking) return FALSE;
    return park<boolean>((this.waiters ??= new WaitList()), this, 'Semaphore.acquire', timeout, expireWith(false)).promise;
  }

  /**
   * Return a permit; the first waiter, if any, gets it directly.
   *
   * @example
   * sem.release();
   */
  release(): void {
    const next = this.waiters?.shift();
    if (next) next.wake(true);
    else this.counter++;
  }

  /**
   * Wait until a permit is free, without taking it. Resolves to the counter
   * (0 on timeout).
   *
   * @example
   * await sem.wait();
   */
  wait(timeout?: number | null): Promise<number> {
    checkSeconds(timeout, 'timeout');
    return this.counter > 0 ? Promise.resolve(this.counter) : this.waitFree(timeout);
  }

  private async waitFree(timeout: number | null | undefined): Promise<number> {
    if (await this.acquire(true, timeout)) this.release();
    return this.counter;
  }

  /**
   * Run `fn` holding a permit; released in `finally`, whatever happens.
   *
   * @example
   * const rows = await lock.withLock(() => db.query(sql));
   */
  withLock<R>(fn: () => R | PromiseLike<R>): Promise<R> {
    return withLock(this, fn);
  }

  /**
   * Acquire and return a Disposable that releases: `using held = await lock.guard(1)`.
   * Throws Timeout when not acquired within `timeout` seconds.
   *
   * @example
   * { using _held = await lock.guard(); counter++; }
   */
  guard(timeout?: number | null): Promise<Held> {
    return guard(this, timeout);
  }
}

/**
 * A Semaphore that refuses to be released above its initial value.
 *
 * @example
 * const sem = new BoundedSemaphore(2);
 * sem.release(); // LockError: Semaphore released too many times
 */
export class BoundedSemaphore extends Semaphore {
  private readonly initial: number;

  constructor(value: number = 1) {
    super(value);
    this.initial = value;
  }

  override release(): void {
    if (this.counter >= this.initial && !this.waiters?.length) throw new LockError('Semaphore released too many times');
    super.release();
  }
}

/**
 * A Semaphore that never blocks: stands in where a lock is required but not wanted.
 *
 * @example
 * const lock = concurrent ? new Semaphore() : new DummySemaphore();
 */
export class DummySemaphore extends Semaphore {
  constructor(value?: number) {
    super(value ?? 1);
  }

  override locked(): boolean {
    return false;
  }

  override acquire(blocking: boolean = true, timeout?: number | null): Promise<boolean> {
    checkAcquireArgs(blocking, timeout);
    return TRUE;
  }

  override release(): void {}

  override wait(timeout?: number | null): Promise<number> {
    checkSeconds(timeout, 'timeout');
    return Promise.resolve(1);
  }
}

/**
 * A re-entrant lock owned by one greenlet at a time; its owner may acquire it
 * again and must release it as many times.
 *
 * @example
 * const lock = new RLock();
 * await lock.withLock(async () => lock.withLock(async () => 'nested is fine'));
 */
export class RLock implements Acquirable {
  private owner: Greenlet<any> | null = null;
  private count = 0;
  private waiters: WaitList | null = null;

  /** Greenlets waiting to acquire (introspection). */
  get waiterCount(): number {
    return this.waiters?.length ?? 0;
  }

  /** True while some greenlet holds it. */
  locked(): boolean {
    return this.owner !== null;
  }

  /** How a wait on it reads in reports: `RLock.acquire (held by worker)`. */
  [describeWait](operation: string): string {
    return describeHeld(this, operation, this.owner);
  }

  /**
   * Acquire, or re-acquire if the current greenlet already owns it.
   *
   * @example
   * await lock.acquire();
   */
  acquire(blocking: boolean = true, timeout?: number | null): Promise<boolean> {
    checkAcquireArgs(blocking, timeout);
    const me = getCurrent();
    if (this.owner === me || this.owner === null) {
      const e = takePending();
      if (e !== NONE) return Promise.reject(e);
      this.owner = me;
      this.count++;
      return TRUE;
    }
    if (!blocking) return FALSE;
    return park<boolean>((this.waiters ??= new WaitList()), this, 'RLock.acquire', timeout, expireWith(false)).promise;
  }

  /**
   * Release once; the lock is free when released as often as acquired.
   * Throws LockError when the current greenlet does not own it.
   *
   * @example
   * lock.release();
   */
  release(): void {
    if (this.owner !== getCurrent()) throw new LockError('cannot release un-acquired lock');
    if (--this.count > 0) return;
    const next = this.waiters?.shift();
    if (next) {
      this.owner = next.owner;
      this.count = 1;
      next.wake(true);
    } else {
      this.owner = null;
    }
  }

  /**
   * Run `fn` holding the lock; released in `finally`.
   *
   * @example
   * await lock.withLock(() => update());
   */
  withLock<R>(fn: () => R | PromiseLike<R>): Promise<R> {
    return withLock(this, fn);
  }

  /**
   * Acquire and return a Disposable that releases. Throws Timeout when not
   * acquired within `timeout` seconds.
   *
   * @example
   * { using _held = await lock.guard(); edit(); }
   */
  guard(timeout?: number | null): Promise<Held> {
    return guard(this, timeout);
  }
}
