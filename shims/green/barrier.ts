/**
 * Python's `threading.Barrier` for green threads.
 *
 * Python's algorithm (filling → draining, resetting, broken) with the
 * barrier's state changes announced on a runtime wait list. Greenlets run
 * one at a time, so the steps between waits need no lock, and `reset()` and
 * `abort()` are synchronous. The `action` runs in the last greenlet to
 * arrive, before any is released; it may be async (awaited), and a `reset()`
 * or `abort()` while it runs breaks that round.
 *
 * @module
 */
import { checkFunction, checkInteger } from '../../runtime/validate.js';
import { expireWith, park, WaitList } from '../../runtime/waiter.js';
import { BrokenBarrierError } from '../shared/errors.js';
import { checkTimeout, deadlineAfter } from '../shared/timeout.js';

const FILLING = 0;
const DRAINING = 1;
const RESETTING = -1;
const BROKEN = -2;

/**
 * A barrier for a fixed number of green threads.
 *
 * @example
 * const start = new Barrier(3);
 * // in each of 3 threads:
 * const index = await start.wait(); // all three continue together
 */
export class Barrier {
  readonly #parties: number;
  readonly #action: (() => unknown) | null;
  readonly #timeout: number | null;
  readonly #changes = new WaitList();
  #state = FILLING;
  #count = 0;

  /**
   * @param parties how many threads must call `wait()`, an integer >= 1.
   * @param action called by the last thread to arrive, before all are released.
   * @param timeout default timeout of `wait()`, in seconds.
   *
   * @example
   * new Barrier(2, () => console.log('both here'), 10);
   */
  constructor(parties: number, action: (() => unknown) | null = null, timeout: number | null = null) {
    checkInteger(parties, 'parties', 1);
    if (action !== null) checkFunction(action, 'action');
    checkTimeout(timeout, 'timeout');
    this.#parties = parties;
    this.#action = action;
    this.#timeout = timeout;
  }

  /** How many threads the barrier waits for. @example new Barrier(3).parties; // 3 */
  get parties(): number {
    return this.#parties;
  }

  /** How many threads are waiting in `wait()` now. @example if (barrier.n_waiting === barrier.parties - 1) …; */
  get n_waiting(): number {
    return this.#state === FILLING ? this.#count : 0;
  }

  /** Whether the barrier is broken (aborted, timed out, or its action failed). @example if (barrier.broken) barrier.reset(); */
  get broken(): boolean {
    return this.#state === BROKEN;
  }

  /**
   * Wait until `parties` threads are waiting, then release them all.
   * Resolves this thread's arrival index (0 … parties-1). Rejects with
   * {@link BrokenBarrierError} when the barrier breaks or `timeout` seconds
   * (default, also for `null`: the constructor's, as in Python) pass — which
   * breaks it for everyone.
   *
   * @example
   * if ((await barrier.wait()) === 0) console.log('one thread logs this');
   */
  wait(timeout: number | null = null): Promise<number> {
    checkTimeout(timeout, 'timeout');
    return this.#wait(deadlineAfter(timeout ?? this.#timeout));
  }

  async #wait(deadline: number | null): Promise<number> {
    while (this.#state === DRAINING || this.#state === RESETTING) await this.#changed(null);
    if (this.#state === BROKEN) throw new BrokenBarrierError();
    const index = this.#count++;
    try {
      if (index + 1 === this.#parties) await this.#release();
      else await this.#waitForRelease(deadline);
      return index;
    } finally {
      if (--this.#count === 0 && (this.#state === DRAINING || this.#state === RESETTING)) {
        this.#state = FILLING;
        this.#changes.wakeAll(true);
      }
    }
  }

  /** The last arrival: run the action, then let everyone through. */
  async #release(): Promise<void> {
    try {
      await this.#action?.();
    } catch (error) {
      this.abort();
      throw error;
    }
    if (this.#state !== FILLING) throw new BrokenBarrierError();
    this.#state = DRAINING;
    this.#changes.wakeAll(true);
  }

  async #waitForRelease(deadline: number | null): Promise<void> {
    while (this.#state === FILLING) {
      const remaining = deadline === null ? null : Math.max(0, (deadline - performance.now()) / 1000);
      if (!(await this.#changed(remaining))) {
        this.abort();
        throw new BrokenBarrierError();
      }
    }
    if (this.#state !== DRAINING) throw new BrokenBarrierError();
  }

  /** Wait for the next state change: `false` when `timeout` passed first. */
  #changed(timeout: number | null): Promise<boolean> {
    return park<boolean>(this.#changes, this, 'Barrier.wait', timeout, expireWith(false)).promise;
  }

  /**
   * Return the barrier to its initial state; threads waiting now get
   * {@link BrokenBarrierError}.
   *
   * @example
   * barrier.reset();
   */
  reset(): void {
    if (this.#count === 0) this.#state = FILLING;
    else if (this.#state === FILLING || this.#state === BROKEN) this.#state = RESETTING;
    this.#changes.wakeAll(true);
  }

  /**
   * Break the barrier: current and future `wait()` calls reject with
   * {@link BrokenBarrierError} until `reset()`.
   *
   * @example
   * barrier.abort();
   */
  abort(): void {
    this.#state = BROKEN;
    this.#changes.wakeAll(true);
  }
}
