/**
 * Python's `threading.RLock` over shared memory: a reentrant lock owned by
 * one OS thread at a time.
 *
 * Two `Int32Array` cells of a `SharedArrayBuffer`: the owner's `get_ident()`
 * (0 = free) and the recursion count (touched only by the owner). Ownership
 * is per OS thread, as in Python: every async task of the owning thread is
 * the owner. A lock held by a thread that exits stays held.
 *
 * @module
 */
import { ThreadError } from '../shared/errors.js';
import { get_ident } from './identity.js';
import { registerShareable, SHARE } from './shareable.js';
import { markSiteShared, shareAtSite } from './shared-sites.js';
import { SharedAcquirable } from './shared-acquirable.js';

const OWNER = 0; // cell 0: the cell SharedAcquirable waits on
const COUNT = 1;
const FREE = 0;

/**
 * A reentrant lock shared across native threads: the owning thread may
 * acquire it again; it is free once released as many times.
 *
 * @example
 * const rlock = new RLock();
 * await rlock.acquire(); await rlock.acquire();
 * rlock.release(); rlock.release();
 */
export class RLock extends SharedAcquirable {
  static {
    markSiteShared(RLock);
    registerShareable('RLock', (cell: Int32Array, into?: RLock) => RLock.reviveInto(into ?? new RLock(), cell));
  }

  /** A free lock: two shared cells, the owner's `get_ident()` and the recursion count. */
  constructor() {
    super(2);
    shareAtSite(this, RLock);
  }

  protected override tryAcquire(): boolean {
    const me = get_ident();
    const owner = Atomics.compareExchange(this.cell, OWNER, FREE, me);
    if (owner !== FREE && owner !== me) return false;
    Atomics.add(this.cell, COUNT, 1);
    return true;
  }

  /** Sleep while the current owner holds it; a free lock is retried at once. */
  protected override takenValue(): number | null {
    const owner = Atomics.load(this.cell, OWNER);
    return owner === FREE ? null : owner;
  }

  /**
   * Undo one `acquire()`; the last one frees the lock and wakes a waiter.
   * Throws {@link ThreadError} "cannot release un-acquired lock" when this
   * thread does not own it.
   *
   * @example
   * rlock.release();
   */
  release(): void {
    if (!this._is_owned()) throw new ThreadError('cannot release un-acquired lock');
    if (Atomics.sub(this.cell, COUNT, 1) === 1) this.#free();
  }

  #free(): void {
    Atomics.store(this.cell, OWNER, FREE);
    Atomics.notify(this.cell, OWNER, 1);
  }

  /**
   * Whether the calling thread owns the lock (Python's `Condition` hook).
   *
   * @example
   * if (rlock._is_owned()) rlock.release();
   */
  _is_owned(): boolean {
    return Atomics.load(this.cell, OWNER) === get_ident();
  }

  /**
   * Python's `Condition` hook: free the lock entirely, returning the
   * recursion count for {@link RLock._acquire_restore}.
   *
   * @example
   * const count = rlock._release_save(); await rlock._acquire_restore(count);
   */
  _release_save(): number {
    if (!this._is_owned()) throw new ThreadError('cannot release un-acquired lock');
    const count = Atomics.exchange(this.cell, COUNT, 0);
    this.#free();
    return count;
  }

  /**
   * Python's `Condition` hook: take the lock back with its recursion count.
   *
   * @example
   * await rlock._acquire_restore(rlock._release_save());
   */
  async _acquire_restore(count: number): Promise<void> {
    await this.acquire();
    Atomics.add(this.cell, COUNT, count - 1);
  }

  /** @internal Shared state for another thread. */
  override [SHARE](): { kind: string; data: unknown } {
    return { kind: 'RLock', data: this.cell };
  }
}
