/**
 * Python's `threading.Lock` (`_thread.LockType`) over shared memory.
 *
 * The lock is one `Int32Array` cell of a `SharedArrayBuffer` (0 = free,
 * 1 = held), taken with a compare-and-swap and waited on with
 * `Atomics.waitAsync`, so it works across OS threads when passed in a
 * thread's `args`, and a waiting main thread keeps serving its event loop.
 * Like Python's, it has no owner: any thread may release it, and a lock held
 * by a thread that exits stays held. Wake-up order is not strictly FIFO.
 *
 * @module
 */
import { ThreadError } from '../errors.js';
import { waitWhile } from './atomic-wait.js';
import { registerShareable, SHARE, type Shareable } from './shareable.js';
import { acquireDeadline } from './timeout.js';

const FREE = 0;
const HELD = 1;

/**
 * A primitive (non-reentrant, ownerless) lock shared across native threads.
 *
 * @example
 * const lock = new Lock();
 * await lock.acquire();
 * try { counter[0]++; } finally { lock.release(); }
 */
export class Lock implements Shareable {
  #cell: Int32Array = new Int32Array(new SharedArrayBuffer(4));

  static {
    registerShareable('Lock', (cell: Int32Array) => {
      const lock = new Lock();
      lock.#cell = cell;
      return lock;
    });
  }

  /**
   * Take the lock. Resolves `true` once held, `false` when `blocking` is
   * false and the lock is taken, or when `timeout` seconds passed first.
   *
   * @example
   * if (await lock.acquire(true, 0.5)) try { work(); } finally { lock.release(); }
   */
  acquire(blocking = true, timeout: number | null = null): Promise<boolean> {
    const deadline = acquireDeadline(blocking, timeout);
    if (this.#tryAcquire()) return Promise.resolve(true);
    if (!blocking) return Promise.resolve(false);
    return this.#acquireSlow(deadline);
  }

  async #acquireSlow(deadline: number | null): Promise<boolean> {
    for (;;) {
      const woke = await waitWhile(this.#cell, 0, HELD, deadline);
      if (this.#tryAcquire()) return true;
      if (!woke) return false;
    }
  }

  #tryAcquire(): boolean {
    return Atomics.compareExchange(this.#cell, 0, FREE, HELD) === FREE;
  }

  /**
   * Free the lock and wake one waiter. Throws {@link ThreadError}
   * "release unlocked lock" when it is not held.
   *
   * @example
   * lock.release();
   */
  release(): void {
    if (Atomics.compareExchange(this.#cell, 0, HELD, FREE) !== HELD) throw new ThreadError('release unlocked lock');
    Atomics.notify(this.#cell, 0, 1);
  }

  /**
   * Whether some thread holds the lock right now.
   *
   * @example
   * if (!lock.locked()) await lock.acquire();
   */
  locked(): boolean {
    return Atomics.load(this.#cell, 0) === HELD;
  }

  /**
   * Python's `Condition` hook: true when the lock is held (by anyone — a
   * plain lock has no owner).
   *
   * @example
   * lock._is_owned(); // used by Condition.wait()
   */
  _is_owned(): boolean {
    if (!this.#tryAcquire()) return true;
    this.release();
    return false;
  }

  /**
   * Python's `Condition` hook: release before waiting; returns the
   * recursion count for {@link Lock._acquire_restore} (always 0 for a plain lock).
   *
   * @example
   * const saved = lock._release_save(); await lock._acquire_restore(saved);
   */
  _release_save(): number {
    this.release();
    return 0;
  }

  /**
   * Python's `Condition` hook: take the lock back after waiting.
   *
   * @example
   * await lock._acquire_restore(lock._release_save());
   */
  async _acquire_restore(_count: number): Promise<void> {
    await this.acquire();
  }

  /** @internal Shared state for another thread. */
  [SHARE](): { kind: string; data: unknown } {
    return { kind: 'Lock', data: this.#cell };
  }
}
