/**
 * Python's `threading.Lock` (`_thread.LockType`) for green threads.
 *
 * A primitive lock on the runtime's FIFO Semaphore of one permit (reported as
 * `Lock` in LoopExit and run info: see permits.ts): no
 * owner (any greenlet may release it, as in Python), "release unlocked lock"
 * ({@link ThreadError}) on over-release. A failed non-blocking `acquire(false)`
 * yields once to the hub before resolving `false`, so a spin lock written as
 * `while (!(await lock.acquire(false))) {}` lets the holder run (gevent #1464).
 *
 * @module
 */
import { sleep } from '../../runtime/sleep.js';
import { ThreadError } from '../shared/errors.js';
import { acquireArgs } from '../shared/timeout.js';
import { Permits } from './permits.js';

function failAfterYield(): Promise<boolean> {
  return sleep(0).then(() => false);
}

/**
 * A primitive, ownerless lock for greenlets.
 *
 * @example
 * const lock = new Lock();
 * await lock.acquire();
 * try { balance += 1; } finally { lock.release(); }
 */
export class Lock {
  readonly #permit = new Permits(1, this);

  /**
   * Take the lock. Resolves `true` once held; `false` when `blocking` is
   * false and it is held (after yielding once), or when `timeout` seconds passed.
   *
   * @example
   * if (await lock.acquire(true, 0.5)) try { work(); } finally { lock.release(); }
   */
  acquire(blocking: unknown = true, timeout: number | null = null): Promise<boolean> {
    const { blocking: block, timeout: limit } = acquireArgs(blocking, timeout); // the runtime times the wait
    const got = this.#permit.acquire(block, limit);
    return block ? got : got.then((ok) => ok || failAfterYield());
  }

  /**
   * Free the lock; the longest-waiting greenlet gets it. Throws
   * {@link ThreadError} "release unlocked lock" when it is not held.
   *
   * @example
   * lock.release();
   */
  release(): void {
    if (!this.locked()) throw new ThreadError('release unlocked lock');
    this.#permit.release();
  }

  /**
   * Whether some greenlet holds the lock.
   *
   * @example
   * if (!lock.locked()) await lock.acquire();
   */
  locked(): boolean {
    return this.#permit.counter === 0;
  }

  /**
   * Python's `Condition` hook: true when held (by anyone: a plain lock has no owner).
   *
   * @example
   * lock._is_owned();
   */
  _is_owned(): boolean {
    return this.locked();
  }

  /**
   * Python's `Condition` hook: release before waiting; returns 0 (no recursion count).
   *
   * @example
   * const saved = lock._release_save();
   */
  _release_save(): number {
    this.release();
    return 0;
  }

  /**
   * Python's `Condition` hook: take the lock back after waiting.
   *
   * @example
   * await lock._acquire_restore(0);
   */
  async _acquire_restore(_saved: number): Promise<void> {
    await this.acquire();
  }
}
