/**
 * Python's `threading.Barrier` over shared memory.
 *
 * Python's algorithm (filling → draining, resetting, broken) on four
 * `Int32Array` cells of a `SharedArrayBuffer`: a mutex, the count of threads
 * inside `wait()`, the state, and a change counter every waiter watches
 * (notify-all). The mutex guards only short synchronous steps — never an
 * `await` — so taking it by blocking (`Atomics.wait`) cannot deadlock a
 * thread against itself; that is what lets `reset()` and `abort()` be
 * synchronous. The `action` runs in the last thread to arrive; in another
 * thread it is compiled from its source text (no captured variables).
 *
 * @module
 */
import { checkFunction, checkInteger } from '../../runtime/validate.js';
import { BrokenBarrierError } from '../shared/errors.js';
import { waitWhile } from './atomic-wait.js';
import { compileFunction, functionSource, withClosureHint } from './function-source.js';
import { registerShareable, SHARE } from './shareable.js';
import { markSiteShared, shareAtSite } from './shared-sites.js';
import { SharedCells } from './shared-cells.js';
import { checkTimeout, deadlineAfter } from '../shared/timeout.js';

const MUTEX = 0;
const COUNT = 1;
const STATE = 2;
const CHANGES = 3;

const FILLING = 0;
const DRAINING = 1;
const RESETTING = -1;
const BROKEN = -2;

type Action = () => unknown;

/** One step of `wait()`: arrived (and maybe released) with an index, or wait for a change first. */
type Step = { index: number; released: boolean } | { seen: number };

/**
 * A barrier for a fixed number of threads, shared across native threads.
 *
 * @example
 * const start = new Barrier(3);
 * // in each of 3 threads:
 * const index = await start.wait(); // all three continue together
 */
export class Barrier extends SharedCells {
  readonly #parties: number;
  readonly #action: Action | null;
  readonly #timeout: number | null;

  /**
   * @param parties how many threads must call `wait()`, an integer >= 1.
   * @param action called (synchronously) by the last thread to arrive, before all are released.
   * @param timeout default timeout of `wait()`, in seconds.
   *
   * @example
   * new Barrier(2, () => console.log('both here'), 10);
   */
  constructor(parties: number, action: Action | null = null, timeout: number | null = null) {
    checkInteger(parties, 'parties', 1);
    if (action !== null) {
      checkFunction(action, 'action');
      functionSource(action, 'action');
    }
    checkTimeout(timeout, 'timeout');
    super(4);
    this.#parties = parties;
    this.#action = action;
    this.#timeout = timeout;
    shareAtSite(this, Barrier);
  }

  static {
    type Data = { cell: Int32Array; parties: number; action: string | null; timeout: number | null };
    markSiteShared(Barrier);
    registerShareable('Barrier', ({ cell, parties, action, timeout }: Data, into?: Barrier) => {
      // Made again by the same module line here: keep this thread's own action, take the shared cells.
      if (into) return Barrier.reviveInto(into, cell);
      const compiled = action === null ? null : compileFunction(action);
      const hinted = (): unknown => {
        try {
          return compiled!();
        } catch (error) {
          throw withClosureHint(error);
        }
      };
      return Barrier.reviveInto(new Barrier(parties, compiled && hinted, timeout), cell);
    });
  }

  /** How many threads the barrier waits for. */
  get parties(): number {
    return this.#parties;
  }

  /** How many threads are waiting in `wait()` now. */
  get n_waiting(): number {
    return Atomics.load(this.cell, STATE) === FILLING ? Atomics.load(this.cell, COUNT) : 0;
  }

  /** Whether the barrier is broken (aborted, timed out, or its action failed). */
  get broken(): boolean {
    return Atomics.load(this.cell, STATE) === BROKEN;
  }

  /**
   * Wait until `parties` threads are waiting, then release them all.
   * Resolves this thread's arrival index (0 … parties-1). Rejects with
   * {@link BrokenBarrierError} when the barrier breaks or `timeout` seconds
   * (default: the constructor's) pass — which breaks it for everyone.
   *
   * @example
   * if ((await barrier.wait()) === 0) console.log('one thread logs this');
   */
  wait(timeout: number | null = null): Promise<number> {
    checkTimeout(timeout, 'timeout');
    return this.#wait(deadlineAfter(timeout ?? this.#timeout));
  }

  async #wait(deadline: number | null): Promise<number> {
    let step = this.#locked(() => this.#arrive());
    while ('seen' in step) {
      await waitWhile(this.cell, CHANGES, step.seen, null);
      step = this.#locked(() => this.#arrive());
    }
    if (step.released) return step.index;
    const index = step.index;
    step = this.#locked(() => this.#afterArrival(index, deadline));
    while ('seen' in step) {
      await waitWhile(this.cell, CHANGES, step.seen, deadline);
      step = this.#locked(() => this.#afterArrival(index, deadline));
    }
    return index;
  }

  /** Enter (once no longer draining or resetting) and take an index. */
  #arrive(): Step {
    const state = this.cell[STATE];
    if (state === DRAINING || state === RESETTING) return { seen: this.cell[CHANGES] };
    if (state === BROKEN) throw new BrokenBarrierError();
    const index = this.cell[COUNT]++;
    if (index + 1 < this.#parties) return { index, released: false };
    try {
      this.#action?.();
    } catch (error) {
      this.#break();
      this.#leave();
      throw error;
    }
    this.cell[STATE] = DRAINING;
    this.#notifyAll();
    this.#leave();
    return { index, released: true };
  }

  /** Check a waiting thread's progress: released, broken, timed out, or wait on. */
  #afterArrival(index: number, deadline: number | null): Step {
    const state = this.cell[STATE];
    if (state === FILLING && (deadline === null || performance.now() < deadline)) return { seen: this.cell[CHANGES] };
    if (state === FILLING) this.#break(); // timed out: broken for everyone
    this.#leave();
    if (state === DRAINING) return { index, released: true };
    throw new BrokenBarrierError();
  }

  /** One thread leaves `wait()`; the last one out refills the barrier. */
  #leave(): void {
    const cell = this.cell;
    if (--cell[COUNT] === 0 && (cell[STATE] === DRAINING || cell[STATE] === RESETTING)) {
      cell[STATE] = FILLING;
      this.#notifyAll();
    }
  }

  /**
   * Return the barrier to its initial state; threads waiting now get
   * {@link BrokenBarrierError}.
   *
   * @example
   * barrier.reset();
   */
  reset(): void {
    this.#locked(() => {
      const cell = this.cell;
      if (cell[COUNT] > 0) {
        if (cell[STATE] === FILLING || cell[STATE] === BROKEN) cell[STATE] = RESETTING;
      } else {
        cell[STATE] = FILLING;
      }
      this.#notifyAll();
    });
  }

  /**
   * Break the barrier: current and future `wait()` calls reject with
   * {@link BrokenBarrierError} until `reset()`.
   *
   * @example
   * barrier.abort();
   */
  abort(): void {
    this.#locked(() => this.#break());
  }

  #break(): void {
    this.cell[STATE] = BROKEN;
    this.#notifyAll();
  }

  #notifyAll(): void {
    Atomics.add(this.cell, CHANGES, 1);
    Atomics.notify(this.cell, CHANGES);
  }

  /** Run a synchronous step holding the mutex (blocking: steps are short). */
  #locked<T>(step: () => T): T {
    while (Atomics.compareExchange(this.cell, MUTEX, 0, 1) !== 0) Atomics.wait(this.cell, MUTEX, 1);
    try {
      return step();
    } finally {
      Atomics.store(this.cell, MUTEX, 0);
      Atomics.notify(this.cell, MUTEX, 1);
    }
  }

  /** @internal Shared state for another thread. */
  override [SHARE](): { kind: string; data: unknown } {
    const action = this.#action && functionSource(this.#action, 'action');
    return { kind: 'Barrier', data: { cell: this.cell, parties: this.#parties, action, timeout: this.#timeout } };
  }
}
