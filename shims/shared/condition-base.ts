/**
 * What the green and the native `threading.Condition` share: delegating
 * `acquire`/`release` to the lock, Python's checks and messages for `wait`
 * and `notify` (the caller must hold the lock), and `wait_for`'s loop.
 *
 * Each flavour extends {@link ConditionBase} and supplies only how waiters
 * park and are woken (a runtime wait list, or slots in shared memory). Pure:
 * no runtime scheduler or worker import, only the argument checks.
 *
 * @module
 */
import { checkFunction, checkInteger } from '../../runtime/validate.js';
import { ThreadError } from './errors.js';
import { checkTimeout, deadlineAfter } from './timeout.js';

/**
 * Python's condition protocol: what a Condition needs from its lock.
 *
 * @example
 * const lock: ConditionLock = new RLock();
 */
export interface ConditionLock {
  acquire(blocking?: unknown, timeout?: number | null): Promise<boolean>;
  release(): void;
  _is_owned(): boolean;
  _release_save(): number;
  _acquire_restore(saved: number): Promise<void>;
}

/**
 * A condition variable bound to a lock; subclasses say how waiters wait
 * ({@link ConditionBase.waitReleased}) and are woken ({@link ConditionBase.wake}).
 *
 * @example
 * class Condition extends ConditionBase<RLock> {
 *   protected waitReleased(timeout: number | null) { ... }
 *   protected wake(n: number) { ... }
 *   protected waiterCount() { ... }
 * }
 */
export abstract class ConditionBase<L extends ConditionLock> {
  readonly #lock: L;

  /**
   * @param lock the (already checked) lock the condition uses.
   *
   * @example
   * super(lock ?? new RLock());
   */
  protected constructor(lock: L) {
    this.#lock = lock;
  }

  /** The underlying lock. @example this.lock._release_save() */
  protected get lock(): L {
    return this.#lock;
  }

  /**
   * Acquire the underlying lock (same arguments as `Lock.acquire`).
   *
   * @example
   * await cond.acquire();
   */
  acquire(blocking: unknown = true, timeout: number | null = null): Promise<boolean> {
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
    return this.waitReleased(timeout);
  }

  /**
   * Wait until `predicate()` (sync or async) is truthy, or `timeout` seconds
   * passed; resolves the predicate's last result. The caller holds the lock.
   *
   * @example
   * await cond.wait_for(() => queue.length > 0, 5);
   */
  wait_for<T>(predicate: () => T | PromiseLike<T>, timeout: number | null = null): Promise<T> {
    checkFunction(predicate, 'predicate');
    checkTimeout(timeout, 'timeout');
    return this.#waitUntil(predicate, deadlineAfter(timeout));
  }

  async #waitUntil<T>(predicate: () => T | PromiseLike<T>, deadline: number | null): Promise<T> {
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
    this.wake(n);
  }

  /**
   * Wake every waiter. The caller holds the lock.
   *
   * @example
   * closed = true; cond.notify_all();
   */
  notify_all(): void {
    this.notify(this.waiterCount());
  }

  /**
   * After `wait()`'s checks (the caller holds the lock): release the lock
   * fully, wait for a wake-up or `timeout` seconds, take the lock back.
   *
   * @example
   * protected waitReleased(timeout) { const saved = this.lock._release_save(); ... }
   */
  protected abstract waitReleased(timeout: number | null): Promise<boolean>;

  /**
   * After `notify()`'s checks: wake up to `n` waiters, longest-waiting first.
   *
   * @example
   * protected wake(n) { for (let i = 0; i < n; i++) this.#waiters.shift()?.wake(true); }
   */
  protected abstract wake(n: number): void;

  /**
   * How many threads wait right now.
   *
   * @example
   * protected waiterCount() { return this.#waiters.length; }
   */
  protected abstract waiterCount(): number;
}
