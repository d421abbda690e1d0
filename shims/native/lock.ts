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
import { ThreadError } from '../shared/errors.js';
import { registerShareable, SHARE } from './shareable.js';
import { markSiteShared, shareAtSite } from './shared-sites.js';
import { SharedAcquirable } from './shared-acquirable.js';

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
export class Lock extends SharedAcquirable {
  static {
    markSiteShared(Lock);
    registerShareable('Lock', (cell: Int32Array, into?: Lock) => Lock.reviveInto(into ?? new Lock(), cell));
  }

  /** A free lock: one shared cell, 0 = free, 1 = held. */
  constructor() {
    super(1);
    shareAtSite(this, Lock);
  }

  protected override tryAcquire(): boolean {
    return Atomics.compareExchange(this.cell, 0, FREE, HELD) === FREE;
  }

  protected override takenValue(): number {
    return HELD;
  }

  /**
   * Free the lock and wake one waiter. Throws {@link ThreadError}
   * "release unlocked lock" when it is not held.
   *
   * @example
   * lock.release();
   */
  release(): void {
    if (Atomics.compareExchange(this.cell, 0, HELD, FREE) !== HELD) throw new ThreadError('release unlocked lock');
    Atomics.notify(this.cell, 0, 1);
  }

  /**
   * Whether some thread holds the lock right now.
   *
   * @example
   * if (!lock.locked()) await lock.acquire();
   */
  locked(): boolean {
    return Atomics.load(this.cell, 0) === HELD;
  }

  /**
   * Python's `Condition` hook: true when the lock is held (by anyone — a
   * plain lock has no owner).
   *
   * @example
   * lock._is_owned(); // used by Condition.wait()
   */
  _is_owned(): boolean {
    if (!this.tryAcquire()) return true;
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
  override [SHARE](): { kind: string; data: unknown } {
    return { kind: 'Lock', data: this.cell };
  }
}
