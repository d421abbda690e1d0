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
import { ConditionBase } from '../shared/condition-base.js';
import { ThreadError } from '../shared/errors.js';
import { waitWhile } from './atomic-wait.js';
import { Lock } from './lock.js';
import { RLock } from './rlock.js';
import { registerShareable, SHARE, type Shareable } from './shareable.js';
import { markSiteShared, shareAtSite } from './shared-sites.js';
import { deadlineAfter } from '../shared/timeout.js';

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
export class Condition extends ConditionBase<AnyLock> implements Shareable {
  #cell: Int32Array = new Int32Array(new SharedArrayBuffer(4 * (STATES + CONDITION_MAX_WAITERS)));

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
    super(lock ?? new RLock());
    shareAtSite(this, Condition);
  }

  static {
    markSiteShared(Condition);
    // Made again by the same module line here, a Condition keeps its lock (itself matched by its own site).
    registerShareable('Condition', ({ lock, cell }: { lock: AnyLock; cell: Int32Array }, into?: Condition) => {
      const condition = into ?? new Condition(lock);
      condition.#cell = cell;
      return condition;
    });
  }

  protected override waitReleased(timeout: number | null): Promise<boolean> {
    const slot = this.#enqueue();
    const saved = this.lock._release_save();
    return this.#waitSlot(slot, saved, deadlineAfter(timeout));
  }

  async #waitSlot(slot: number, saved: number, deadline: number | null): Promise<boolean> {
    const state = STATES + slot;
    try {
      while (Atomics.load(this.#cell, state) === WAITING) {
        if (!(await waitWhile(this.#cell, state, WAITING, deadline))) break;
      }
    } finally {
      await this.lock._acquire_restore(saved);
    }
    const notified = Atomics.load(this.#cell, state) === NOTIFIED;
    if (!notified) this.#dequeue(slot);
    Atomics.store(this.#cell, state, FREE);
    return notified;
  }

  protected override wake(n: number): void {
    const count = Math.min(n, this.#cell[LENGTH]);
    for (let i = 0; i < count; i++) {
      const slot = this.#cell[QUEUE + i];
      Atomics.store(this.#cell, STATES + slot, NOTIFIED);
      Atomics.notify(this.#cell, STATES + slot, 1);
    }
    this.#cell.copyWithin(QUEUE, QUEUE + count, QUEUE + this.#cell[LENGTH]);
    this.#cell[LENGTH] -= count;
  }

  protected override waiterCount(): number {
    return this.#cell[LENGTH];
  }

  #enqueue(): number {
    const cell = this.#cell;
    const slot = cell.subarray(STATES).indexOf(FREE);
    if (slot < 0) throw new ThreadError(`too many waiters on one Condition (max ${CONDITION_MAX_WAITERS})`);
    Atomics.store(cell, STATES + slot, WAITING);
    cell[QUEUE + cell[LENGTH]] = slot;
    cell[LENGTH] += 1;
    return slot;
  }

  #dequeue(slot: number): void {
    const cell = this.#cell;
    const end = QUEUE + cell[LENGTH];
    const at = cell.subarray(QUEUE, end).indexOf(slot);
    cell.copyWithin(QUEUE + at, QUEUE + at + 1, end);
    cell[LENGTH] -= 1;
  }

  /** @internal Shared state for another thread. */
  [SHARE](): { kind: string; data: unknown } {
    return { kind: 'Condition', data: { lock: this.lock, cell: this.#cell } };
  }
}
