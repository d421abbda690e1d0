/**
 * Python's `threading.Semaphore` and `BoundedSemaphore` over shared memory.
 *
 * The counter is one `Int32Array` cell of a `SharedArrayBuffer`, decremented
 * with compare-and-swap and waited on with `Atomics.waitAsync`, so a
 * semaphore passed in a thread's `args` counts for every thread. It has no
 * owner; wake-up order is not strictly FIFO.
 *
 * @module
 */
import { checkInteger } from '../../runtime/validate.js';
import { ThreadError } from '../shared/errors.js';
import { registerShareable, SHARE } from './shareable.js';
import { markSiteShared, shareAtSite } from './shared-sites.js';
import { SharedAcquirable } from './shared-acquirable.js';

const MAX_VALUE = 0x7fffffff;

function checkValue(value: unknown, name: string): asserts value is number {
  checkInteger(value, name, 0);
  if (value > MAX_VALUE) throw new RangeError(`${name} must be <= ${MAX_VALUE}, got ${value}`);
}

/**
 * A counting semaphore shared across native threads.
 *
 * @example
 * const slots = new Semaphore(4);
 * await slots.acquire();
 * try { await download(); } finally { slots.release(); }
 */
export class Semaphore extends SharedAcquirable {
  /**
   * @param value initial counter, an integer >= 0 (default 1).
   *
   * @example
   * new Semaphore(0); // starts taken: the first acquire() waits for a release()
   */
  constructor(value = 1) {
    checkValue(value, 'value');
    super(1);
    this.cell[0] = value;
    shareAtSite(this, Semaphore);
  }

  static {
    markSiteShared(Semaphore);
    registerShareable('Semaphore', (cell: Int32Array, into?: Semaphore) => Semaphore.reviveInto(into ?? new Semaphore(0), cell));
  }

  protected override tryAcquire(): boolean {
    for (let value = Atomics.load(this.cell, 0); value > 0; value = Atomics.load(this.cell, 0)) {
      if (Atomics.compareExchange(this.cell, 0, value, value - 1) === value) return true;
    }
    return false;
  }

  protected override takenValue(): number {
    return 0;
  }

  /**
   * Give back `n` units (default 1) and wake as many waiters.
   *
   * @example
   * sem.release(2);
   */
  release(n = 1): void {
    checkInteger(n, 'n', 1);
    this.add(n);
    Atomics.notify(this.cell, 0, n);
  }

  /** Add `n` to the counter (BoundedSemaphore checks its bound here). */
  protected add(n: number): void {
    Atomics.add(this.cell, 0, n);
  }

  /**
   * The counter right now (Python's private `_value`, for inspection).
   *
   * @example
   * sem._value; // 3
   */
  get _value(): number {
    return Atomics.load(this.cell, 0);
  }

  /** @internal Shared state for another thread. */
  override [SHARE](): { kind: string; data: unknown } {
    return { kind: 'Semaphore', data: this.cell };
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
    shareAtSite(this, BoundedSemaphore);
  }

  static {
    markSiteShared(BoundedSemaphore);
    registerShareable('BoundedSemaphore', ({ cell, bound }: { cell: Int32Array; bound: number }, into?: BoundedSemaphore) =>
      BoundedSemaphore.reviveInto(into ?? new BoundedSemaphore(bound), cell),
    );
  }

  protected override add(n: number): void {
    for (;;) {
      const value = Atomics.load(this.cell, 0);
      if (value + n > this.#bound) throw new ThreadError('Semaphore released too many times');
      if (Atomics.compareExchange(this.cell, 0, value, value + n) === value) return;
    }
  }

  /** @internal Shared state for another thread. */
  override [SHARE](): { kind: string; data: unknown } {
    return { kind: 'BoundedSemaphore', data: { cell: this.cell, bound: this.#bound } };
  }
}
