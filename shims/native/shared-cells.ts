/**
 * The shared memory under the native Lock, RLock, Semaphore, Event and
 * Barrier: `Int32Array` cells of one `SharedArrayBuffer`, allocated by the
 * constructor and swapped for the sender's cells when the object is revived
 * in another thread. (Condition keeps its own cells: it extends the
 * flavour-neutral `ConditionBase` instead.)
 *
 * One base class so that allocation and revival are written once; the cells
 * stay in a private field (structured clone and `{ ...object }` do not see
 * them) and subclasses read them through a protected getter.
 *
 * @module
 */
import { SHARE, type Shareable } from './shareable.js';

/**
 * A shareable object whose state is `length` shared `Int32Array` cells.
 *
 * @example
 * class Flag extends SharedCells {
 *   static { registerShareable('Flag', (cell: Int32Array) => Flag.reviveInto(new Flag(), cell)); }
 *   constructor() { super(1); }
 *   [SHARE]() { return { kind: 'Flag', data: this.cell }; }
 * }
 */
export abstract class SharedCells implements Shareable {
  #cell: Int32Array;

  /**
   * @param length how many `Int32Array` cells to allocate (zeroed).
   *
   * @example
   * super(2); // e.g. a flag and a generation counter
   */
  protected constructor(length: number) {
    this.#cell = new Int32Array(new SharedArrayBuffer(4 * length));
  }

  /** The shared cells. @example Atomics.load(this.cell, 0) */
  protected get cell(): Int32Array {
    return this.#cell;
  }

  /**
   * @internal Make `object` (just constructed in the receiving thread) use
   * the sender's shared cells, so both threads see one object.
   *
   * @example
   * registerShareable('Lock', (cell: Int32Array) => Lock.reviveInto(new Lock(), cell));
   */
  protected static reviveInto<T extends SharedCells>(object: T, cell: Int32Array): T {
    object.#cell = cell;
    return object;
  }

  /** @internal Shared state for another thread. */
  abstract [SHARE](): { kind: string; data: unknown };
}
