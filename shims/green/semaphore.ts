/**
 * Python's `threading.Semaphore` and `BoundedSemaphore` for green threads,
 * on the runtime's FIFO Semaphore (reported under their own names: see
 * permits.ts): Python's names and
 * messages (`release(n)`, `_value`, "Semaphore released too many times" as
 * {@link ThreadError}, like the native shim).
 *
 * @module
 */
import { checkInteger } from '../../runtime/validate.js';
import { ThreadError } from '../shared/errors.js';
import { acquireArgs } from '../shared/timeout.js';
import { Permits } from './permits.js';

/**
 * A counting semaphore for greenlets; waiters are served in arrival order.
 *
 * @example
 * const slots = new Semaphore(4);
 * await slots.acquire();
 * try { await download(); } finally { slots.release(); }
 */
export class Semaphore {
  readonly #permits: Permits;

  /**
   * @param value initial counter, an integer >= 0 (default 1).
   *
   * @example
   * new Semaphore(0); // the first acquire() waits for a release()
   */
  constructor(value = 1) {
    checkInteger(value, 'value', 0);
    this.#permits = new Permits(value, this);
  }

  /**
   * Take one unit. Resolves `false` when `blocking` is false and none is
   * free, or on timeout.
   *
   * @example
   * if (!(await sem.acquire(false))) console.log('busy');
   */
  acquire(blocking: unknown = true, timeout: number | null = null): Promise<boolean> {
    const { blocking: block, timeout: limit } = acquireArgs(blocking, timeout);
    return this.#permits.acquire(block, limit);
  }

  /**
   * Give back `n` units (default 1), waking as many waiters.
   *
   * @example
   * sem.release(2);
   */
  release(n = 1): void {
    checkInteger(n, 'n', 1);
    for (let i = 0; i < n; i++) this.#permits.release();
  }

  /**
   * The counter right now (Python's private `_value`, for inspection).
   *
   * @example
   * sem._value; // 3
   */
  get _value(): number {
    return this.#permits.counter;
  }
}

/**
 * A semaphore that refuses to be released above its initial value:
 * {@link ThreadError} "Semaphore released too many times".
 *
 * @example
 * const pool = new BoundedSemaphore(2);
 * pool.release(); // ThreadError: Semaphore released too many times
 */
export class BoundedSemaphore extends Semaphore {
  readonly #bound: number;

  /**
   * @param value initial and maximum counter, an integer >= 0 (default 1).
   *
   * @example
   * new BoundedSemaphore(3);
   */
  constructor(value = 1) {
    super(value);
    this.#bound = value;
  }

  /**
   * Give back `n` units (default 1); throws {@link ThreadError} when that
   * would exceed the initial value.
   *
   * @example
   * pool.release();
   */
  override release(n = 1): void {
    checkInteger(n, 'n', 1);
    if (this._value + n > this.#bound) throw new ThreadError('Semaphore released too many times');
    super.release(n);
  }
}
