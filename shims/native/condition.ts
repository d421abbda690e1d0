/**
 * Python's `threading.Condition` over shared memory.
 *
 * Each waiter takes a slot of a `SharedArrayBuffer` (one state cell per
 * slot) and queues the slot's number; `notify(n)` marks the first `n` queued
 * slots notified and wakes exactly those waiters, in arrival order. All queue
 * changes happen while holding the condition's lock (Python requires it for
 * `wait` and `notify`), so the lock itself guards the queue across threads.
 * A waiter that times out takes its slot back out once it holds the lock
 * again. At most {@link CONDITION_MAX_WAITERS} threads wait at once.
 *
 * @module
 */
import { checkFunction, checkInteger } from '../../runtime/validate.js';
import { ThreadError } from '../errors.js';
import { waitWhile } from './atomic-wait.js';
import { Lock } from './lock.js';
import { RLock } from './rlock.js';
import { registerShareable, SHARE } from './shareable.js';
import { SharedCells } from './shared-cells.js';
import { checkTimeout, deadlineAfter } from './timeout.js';

/**
 * How many waiters one Condition can hold at once.
 *
 * @example
 * CONDITION_MAX_WAITERS; // 256
 */
export const CONDITION_MAX_WAITERS = 256;

const LENGTH = 0;
const QUEUE = 1;
const STATES = QUEUE + CONDITION_MAX_WAITERS;
const FREE = 0;
const WAITING = 1;
const NOTIFIED = 2;

type AnyLock = Lock | RLock;

/**
 * A condition variable shared across native threads, bound to a native
 * {@link Lock} or {@link RLock} (a new RLock by default).
 *
 * @example
 * const cond = new Condition();
 * await cond.acquire();
 * try { while (!ready[0]) await cond.wait(); } finally { cond.release(); }
 */
export class Condition extends SharedCells {
  readonly #lock: AnyLock;

  /**
   * @param lock the native Lock or RLock to use (default: a new RLock).
   *
   * @example
   * const cond = new Condition(new Lock());
   */
  constructor(lock: AnyLock | null = null) {
    if (lock !== null && !(lock instanceof Lock) && !(lock instanceof RLock)) {
      throw new TypeError('lock must be a native threading Lock or RLock');
    }
    super(STATES + CONDITION_MAX_WAITERS);
    this.#lock = lock ?? new RLock();
  }

  static {
    registerShareable('Condition', ({ lock, cell }: { lock: AnyLock; cell: Int32Array }) =>
      Condition.reviveInto(new Condition(lock), cell),
    );
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
    const slot = this.#enqueue();
    const saved = this.#lock._release_save();
    return this.#waitSlot(slot, saved, deadlineAfter(timeout));
  }

  async #waitSlot(slot: number, saved: number, deadline: number | null): Promise<boolean> {
    const state = STATES + slot;
    try {
      while (Atomics.load(this.cell, state) === WAITING) {
        if (!(await waitWhile(this.cell, state, WAITING, deadline))) break;
      }
    } finally {
      await this.#lock._acquire_restore(saved);
    }
    const notified = Atomics.load(this.cell, state) === NOTIFIED;
    if (!notified) this.#dequeue(slot);
    Atomics.store(this.cell, state, FREE);
    return notified;
  }

  /**
   * Wait until `predicate()` (sync or async) is truthy, or `timeout` seconds
   * passed; resolves the predicate's last result. Caller holds the lock.
   *
   * @example
   * await cond.wait_for(() => queue.length > 0, 5);
   */
  async wait_for<T>(predicate: () => T | Promise<T>, timeout: number | null = null): Promise<T> {
    checkFunction(predicate, 'predicate');
    checkTimeout(timeout, 'timeout');
    const deadline = deadlineAfter(timeout);
    let result = await predicate();
    while (!result) {
      let remaining: number | null = null;
      if (deadline !== null) {
        remaining = (deadline - performance.now()) / 1000;
        if (remaining <= 0) break;
      }
      await this.wait(remaining);
      result = await predicate();
    }
    return result;
  }

  /**
   * Wake up to `n` waiters (default 1), longest-waiting first. Caller holds
   * the lock (ThreadError "cannot notify on un-acquired lock").
   *
   * @example
   * items.push(x); cond.notify();
   */
  notify(n = 1): void {
    checkInteger(n, 'n', 0);
    if (!this.#lock._is_owned()) throw new ThreadError('cannot notify on un-acquired lock');
    const count = Math.min(n, this.cell[LENGTH]);
    for (let i = 0; i < count; i++) {
      const slot = this.cell[QUEUE + i];
      Atomics.store(this.cell, STATES + slot, NOTIFIED);
      Atomics.notify(this.cell, STATES + slot, 1);
    }
    this.cell.copyWithin(QUEUE, QUEUE + count, QUEUE + this.cell[LENGTH]);
    this.cell[LENGTH] -= count;
  }

  /**
   * Wake every waiter. Caller holds the lock.
   *
   * @example
   * shutdown = true; cond.notify_all();
   */
  notify_all(): void {
    this.notify(this.cell[LENGTH]);
  }

  #enqueue(): number {
    const cell = this.cell;
    const slot = cell.subarray(STATES).indexOf(FREE);
    if (slot < 0) throw new ThreadError(`too many waiters on one Condition (max ${CONDITION_MAX_WAITERS})`);
    Atomics.store(cell, STATES + slot, WAITING);
    cell[QUEUE + cell[LENGTH]] = slot;
    cell[LENGTH] += 1;
    return slot;
  }

  #dequeue(slot: number): void {
    const cell = this.cell;
    const end = QUEUE + cell[LENGTH];
    const at = cell.subarray(QUEUE, end).indexOf(slot);
    cell.copyWithin(QUEUE + at, QUEUE + at + 1, end);
    cell[LENGTH] -= 1;
  }

  /** @internal Shared state for another thread. */
  override [SHARE](): { kind: string; data: unknown } {
    return { kind: 'Condition', data: { lock: this.#lock, cell: this.cell } };
  }
}
