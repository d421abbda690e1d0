/**
 * Python's `acquire(blocking=True, timeout=None)` for the native Lock, RLock
 * and Semaphore: try once, else wait on cell 0 with `Atomics.waitAsync`
 * until it changes, and try again — one loop instead of three copies.
 *
 * A subclass says how to take it without waiting ({@link
 * SharedAcquirable.tryAcquire}) and which value of cell 0 means "taken, wait"
 * ({@link SharedAcquirable.takenValue}).
 *
 * @module
 */
import { waitWhile } from './atomic-wait.js';
import { SharedCells } from './shared-cells.js';
import { acquireArgs, deadlineAfter } from '../shared/timeout.js';

/**
 * Something threads take with `acquire()` whose state lives in shared cells;
 * waiters sleep on cell 0. Wake-up order is not strictly FIFO.
 *
 * @example
 * class Flag extends SharedAcquirable {
 *   protected tryAcquire() { return Atomics.compareExchange(this.cell, 0, 0, 1) === 0; }
 *   protected takenValue() { return 1; }
 * }
 */
export abstract class SharedAcquirable extends SharedCells {
  /**
   * Take it. Resolves `true` once taken, `false` when `blocking` is false
   * and it is not free, or when `timeout` seconds passed first.
   *
   * @example
   * if (await lock.acquire(true, 0.5)) try { work(); } finally { lock.release(); }
   */
  acquire(blocking: unknown = true, timeout: number | null = null): Promise<boolean> {
    const args = acquireArgs(blocking, timeout);
    if (this.tryAcquire()) return Promise.resolve(true);
    if (!args.blocking) return Promise.resolve(false);
    return this.#acquireSlow(deadlineAfter(args.timeout));
  }

  async #acquireSlow(deadline: number | null): Promise<boolean> {
    for (;;) {
      const taken = this.takenValue();
      const woke = taken === null || (await waitWhile(this.cell, 0, taken, deadline));
      if (this.tryAcquire()) return true;
      if (!woke) return false;
    }
  }

  /**
   * Take it now if it is free; never waits.
   *
   * @example
   * protected tryAcquire() { return Atomics.compareExchange(this.cell, 0, FREE, HELD) === FREE; }
   */
  protected abstract tryAcquire(): boolean;

  /**
   * The value of cell 0 to sleep through (a wake-up or any other value ends
   * the sleep), or `null` to retry at once without sleeping.
   *
   * @example
   * protected takenValue() { return HELD; }
   */
  protected abstract takenValue(): number | null;
}
