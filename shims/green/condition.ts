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
import { expireWith, park, WaitList } from '../../runtime/waiter.js';
import { ConditionBase, type ConditionLock } from '../shared/condition-base.js';
import type { Lock } from './lock.js';
import { RLock } from './rlock.js';

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
export class Condition extends ConditionBase<ConditionLock> {
  readonly #waiters = new WaitList();

  /**
   * @param lock the lock to use (default: a new green RLock).
   *
   * @example
   * const cond = new Condition(new Lock());
   */
  constructor(lock: Lock | RLock | null = null) {
    if (lock !== null) checkLock(lock);
    super(lock ?? new RLock());
  }

  protected override waitReleased(timeout: number | null): Promise<boolean> {
    const saved = this.lock._release_save();
    return this.#waitThenRestore(park<boolean>(this.#waiters, this, 'Condition.wait', timeout, expireWith(false)).promise, saved);
  }

  async #waitThenRestore(notified: Promise<boolean>, saved: number): Promise<boolean> {
    try {
      return await notified;
    } finally {
      await this.lock._acquire_restore(saved);
    }
  }

  protected override wake(n: number): void {
    for (let i = 0; i < n; i++) {
      const waiter = this.#waiters.shift();
      if (!waiter) break;
      waiter.wake(true);
    }
  }

  protected override waiterCount(): number {
    return this.#waiters.length;
  }
}
