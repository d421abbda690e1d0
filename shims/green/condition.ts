/**
 * Python's `threading.Condition` for green threads.
 *
 * It works with any lock that speaks Python's condition protocol
 * (`acquire`, `release`, `_is_owned`, `_release_save`, `_acquire_restore`):
 * the green {@link Lock} and {@link RLock} do; an RLock held several times is
 * fully released while waiting and its recursion count restored after.
 * Waiters queue in arrival order on a runtime wait list, so `notify(n)` wakes
 * the `n` longest-waiting, and a waiter that times out or is killed leaves the
 * queue at once — and still takes the lock back before `wait()` settles.
 *
 * @module
 */
import { checkFunction, checkInteger } from '../../runtime/validate.js';
import { expireWith, park, WaitList } from '../../runtime/waiter.js';
import { ThreadError } from '../errors.js';
import { checkTimeout, deadlineAfter } from '../native/timeout.js';
import type { Lock } from './lock.js';
import { RLock } from './rlock.js';

/** Python's condition protocol: what a Condition needs from its lock. */
interface ConditionLock {
  acquire(blocking?: boolean, timeout?: number | null): Promise<boolean>;
  release(): void;
  _is_owned(): boolean;
  _release_save(): number;
  _acquire_restore(saved: number): Promise<void>;
}

const PROTOCOL = ['acquire', 'release', '_is_owned', '_release_save', '_acquire_restore'] as const;

function checkLock(lock: unknown): asserts lock is ConditionLock {
  const methods = lock as Record<string, unknown> | null;
  if (methods === null || typeof methods !== 'object' || PROTOCOL.some((m) => typeof methods[m] !== 'function')) {
    throw new TypeError('lock must be a threading Lock or RLock (acquire, release, _is_owned, _release_save, _acquire_restore)');
  }
}

/**
 * A condition variable for greenlets, bound to a {@link Lock} or {@link RLock}
 * (a new RLock by default).
 *
 * @example
 * const cond = new Condition();
 * await cond.acquire();
 * try { while (items.length === 0) await cond.wait(); use(items.shift()); } finally { cond.release(); }
 */
export class Condition {
  readonly #lock: ConditionLock;
  readonly #waiters = new WaitList();

  /**
   * @param lock the lock to use (default: a new green RLock).
   *
   * @example
   * const cond = new Condition(new Lock());
   */
  constructor(lock: Lock | RLock | null = null) {
    if (lock !== null) checkLock(lock);
    this.#lock = lock ?? new RLock();
  }

  /**
   * Acquire the underlying lock (same arguments as `Lock.acquire`).
   *
   * @example
   * await cond.acquire();
   */
  acquire(blocking = true, timeout: number | null = null): Promise<boolean> {
    return this.#lock.acquire(blocking, timeout);
  }

  /**
   * Release the underlying lock.
   *
   * @example
   * cond.release();
   */
  release(): void {
    this.#lock.release();
  }

  /**
   * Release the lock, wait for a `notify()` or `timeout` seconds, take the
   * lock back. Resolves `true` when notified, `false` on timeout. The caller
   * must hold the lock (ThreadError "cannot wait on un-acquired lock").
   *
   * @example
   * await cond.acquire();
   * try { await cond.wait(1); } finally { cond.release(); }
   */
  wait(timeout: number | null = null): Promise<boolean> {
    checkTimeout(timeout, 'timeout');
    if (!this.#lock._is_owned()) throw new ThreadError('cannot wait on un-acquired lock');
    const saved = this.#lock._release_save();
    return this.#waitThenRestore(park<boolean>(this.#waiters, this, 'Condition.wait', timeout, expireWith(false)).promise, saved);
  }

  async #waitThenRestore(notified: Promise<boolean>, saved: number): Promise<boolean> {
    try {
      return await notified;
    } finally {
      await this.#lock._acquire_restore(saved);
    }
  }

  /**
   * Wait until `predicate()` (sync or async) is truthy, or `timeout` seconds
   * passed; resolves the predicate's last result. The caller holds the lock.
   *
   * @example
   * await cond.wait_for(() => queue.length > 0, 5);
   */
  async wait_for<T>(predicate: () => T | PromiseLike<T>, timeout: number | null = null): Promise<T> {
    checkFunction(predicate, 'predicate');
    checkTimeout(timeout, 'timeout');
    const deadline = deadlineAfter(timeout);
    let result = await predicate();
    while (!result) {
      const remaining = deadline === null ? null : (deadline - performance.now()) / 1000;
      if (remaining !== null && remaining <= 0) break;
      await this.wait(remaining);
      result = await predicate();
    }
    return result;
  }

  /**
   * Wake up to `n` waiters (default 1), longest-waiting first. The caller
   * holds the lock (ThreadError "cannot notify on un-acquired lock").
   *
   * @example
   * items.push(x); cond.notify();
   */
  notify(n = 1): void {
    checkInteger(n, 'n', 0);
    if (!this.#lock._is_owned()) throw new ThreadError('cannot notify on un-acquired lock');
    for (let i = 0; i < n; i++) {
      const waiter = this.#waiters.shift();
      if (!waiter) break;
      waiter.wake(true);
    }
  }

  /**
   * Wake every waiter. The caller holds the lock.
   *
   * @example
   * closed = true; cond.notify_all();
   */
  notify_all(): void {
    this.notify(this.#waiters.length);
  }
}
