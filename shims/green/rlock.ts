/**
 * Python's `threading.RLock` for green threads: a reentrant lock owned by
 * one greenlet at a time (Python's pure-Python `_PyRLock` over the runtime's
 * FIFO Semaphore, reported as `RLock` with its owner). Ownership is per greenlet — per green thread —
 * so two greenlets never share it, unlike the native RLock, whose owner is
 * the whole OS thread.
 *
 * @module
 */
import { getCurrent } from '../../runtime/current.js';
import type { Greenlet } from '../../runtime/greenlet.js';
import { describeHeld, describeWait } from '../../runtime/describe.js';
import { ThreadError } from '../shared/errors.js';
import { acquireArgs } from '../shared/timeout.js';
import { Permits } from './permits.js';

/**
 * A reentrant lock for greenlets: its owner may acquire it again and must
 * release it as many times.
 *
 * @example
 * const rlock = new RLock();
 * await rlock.acquire(); await rlock.acquire();
 * rlock.release(); rlock.release();
 */
export class RLock {
  readonly #block = new Permits(1, this);
  #owner: Greenlet | null = null;
  #count = 0;

  /**
   * Take the lock, or take it again when the current greenlet owns it.
   * Resolves `false` when `blocking` is false and another greenlet owns it,
   * or on timeout.
   *
   * @example
   * if (await rlock.acquire(true, 1)) try { nested(); } finally { rlock.release(); }
   */
  acquire(blocking: unknown = true, timeout: number | null = null): Promise<boolean> {
    const { blocking: block, timeout: limit } = acquireArgs(blocking, timeout);
    const me = getCurrent();
    if (this.#owner === me) {
      this.#count += 1;
      return Promise.resolve(true);
    }
    return this.#block.acquire(block, limit).then((ok) => {
      if (ok) this.#take(me, 1);
      return ok;
    });
  }

  /**
   * Undo one `acquire()`; the last one frees the lock for the next waiter.
   * Throws {@link ThreadError} "cannot release un-acquired lock" when the
   * current greenlet does not own it.
   *
   * @example
   * rlock.release();
   */
  release(): void {
    if (!this._is_owned()) throw new ThreadError('cannot release un-acquired lock');
    if (--this.#count === 0) this.#free();
  }

  /**
   * Whether some greenlet holds the lock.
   *
   * @example
   * rlock.locked();
   */
  locked(): boolean {
    return this.#block.counter === 0;
  }

  /**
   * How a wait for it reads in LoopExit reports and run info.
   *
   * @example
   * rlock[describeWait]('acquire'); // 'RLock.acquire (held by Thread-1 (work))'
   */
  [describeWait](operation: string): string {
    return describeHeld(this, operation, this.#owner);
  }

  /**
   * Whether the current greenlet owns the lock (Python's `Condition` hook).
   *
   * @example
   * if (rlock._is_owned()) rlock.release();
   */
  _is_owned(): boolean {
    return this.#owner === getCurrent();
  }

  /**
   * Python's `Condition` hook: free the lock entirely, returning the
   * recursion count for {@link RLock._acquire_restore}.
   *
   * @example
   * const count = rlock._release_save();
   */
  _release_save(): number {
    if (!this._is_owned()) throw new ThreadError('cannot release un-acquired lock');
    const count = this.#count;
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
    const me = getCurrent();
    await this.#block.acquire();
    this.#take(me, count);
  }

  #take(owner: Greenlet, count: number): void {
    this.#owner = owner;
    this.#count = count;
  }

  #free(): void {
    this.#owner = null;
    this.#count = 0;
    this.#block.release();
  }
}
