/**
 * The shared memory of one native queue, and how records are placed in it.
 *
 * Two buffers: `meta`, a fixed `SharedArrayBuffer` of `Int32` cells (the
 * mutex, the counters, the waiter lists and {@link MAX_WAITERS} waiter
 * slots), and `arena`, a growable `SharedArrayBuffer` holding the records —
 * each queued item's bytes, and the index: an array of `(offset, length)`
 * entries, one per queued item, in the queue's order (see queue-order.ts).
 * Every thread sees the same memory (a growable buffer grows in place for
 * all of them), so nothing is ever posted between threads.
 *
 * Records are placed by bumping `USED`; a freed record only lowers `LIVE`.
 * When the bump reaches the end, the arena is compacted (live records slid
 * down, every reference updated) if at most half of it is live, or grown to
 * twice its size otherwise: amortized O(1) per byte, and a queue that
 * drains to empty starts again at offset 0. All of it runs under the
 * queue's mutex.
 *
 * @module
 */
import { GrowableSharedArrayBuffer, type GrowableBuffer } from './growable-buffer.js';
import type { ItemMemory } from './item-codec.js';

/** Meta cell index: the mutex (shared-mutex.ts). @example Atomics.load(memory.meta, LOCK) */
export const LOCK = 0;
/** Meta cell index: the order: FIFO, LIFO or PRIORITY (queue-order.ts). @example Atomics.load(memory.meta, KIND) */
export const KIND = 1;
/** Meta cell index: the bound (<= 0: none). @example Atomics.load(memory.meta, MAXSIZE) */
export const MAXSIZE = 2;
/** Meta cell index: items queued. @example Atomics.load(memory.meta, COUNT) */
export const COUNT = 3;
/** Meta cell index: the FIFO ring's first entry. @example Atomics.load(memory.meta, HEAD) */
export const HEAD = 4;
/** Meta cell index: tasks put and not marked done (join() waits on it). @example Atomics.load(memory.meta, UNFINISHED) */
export const UNFINISHED = 5;
/** Meta cell index: 1 once shut down. @example Atomics.load(memory.meta, SHUT) */
export const SHUT = 6;
const USED = 7; // the arena's bump pointer
const LIVE = 8; // bytes of live records in the arena
/** Meta cell index: the index record's offset in the arena. @example Atomics.load(memory.meta, INDEX_OFF) */
export const INDEX_OFF = 9;
/** Meta cell index: the index's capacity in entries (a power of two). @example Atomics.load(memory.meta, INDEX_CAP) */
export const INDEX_CAP = 10;
/** Meta cell index: the blocked getters' list: head, tail, length. @example Atomics.load(memory.meta, GETTERS) */
export const GETTERS = 11;
/** Meta cell index: the blocked putters' list: head, tail, length. @example Atomics.load(memory.meta, PUTTERS) */
export const PUTTERS = 14;
/** Meta cell index: the first free waiter slot (-1: none). @example Atomics.load(memory.meta, FREE_SLOT) */
export const FREE_SLOT = 17;
/** Meta cell index: waiter slots ever used. @example Atomics.load(memory.meta, SLOT_TOP) */
export const SLOT_TOP = 18;
/** The meta cell where waiter slot 0 starts. @example slotCell(0) === SLOTS_BASE */
export const SLOTS_BASE = 20;
/** Cells of one waiter slot: state, next, and the (offset, length) of the record it holds. @example SLOTS_BASE + SLOT_CELLS * slot */
export const SLOT_CELLS = 4;
/** Slot cell: its state (queue-waiters.ts). @example memory.meta[slotCell(slot) + SLOT_STATE] */
export const SLOT_STATE = 0;
/** Slot cell: the next slot in its list (-1: none). @example memory.meta[slotCell(slot) + SLOT_NEXT] */
export const SLOT_NEXT = 1;
/** Slot cell: the offset of the record it holds (-1: none). @example memory.meta[slotCell(slot) + SLOT_OFFSET] */
export const SLOT_OFFSET = 2;
/** Slot cell: that record's length. @example memory.meta[slotCell(slot) + SLOT_LENGTH] */
export const SLOT_LENGTH = 3;

/**
 * How many callers (threads, or pending calls within them) can wait on one
 * native queue at once.
 *
 * @example
 * MAX_WAITERS; // 1024
 */
export const MAX_WAITERS = 1024;

/**
 * The most bytes of queued items one native queue holds (serialized).
 *
 * @example
 * MAX_QUEUE_BYTES; // 268435456 (256 MiB)
 */
export const MAX_QUEUE_BYTES = 256 * 1024 * 1024;

const INITIAL_ARENA = 4096;
const INITIAL_ENTRIES = 16;

/** Round up to a multiple of 8, so every record (the index too) starts 8-aligned. */
function align(size: number): number {
  return (size + 7) & ~7;
}

/** What a queue shares with another thread: its two buffers. @example QueueMemory.revive(buffers) */
export interface QueueBuffers {
  meta: SharedArrayBuffer;
  arena: SharedArrayBuffer;
}

/**
 * One queue's shared memory as seen from this thread.
 *
 * @example
 * const memory = QueueMemory.create(kind, maxsize);
 * const offset = memory.alloc(16);
 */
export class QueueMemory implements ItemMemory {
  /** The meta cells. @example Atomics.load(memory.meta, COUNT) */
  readonly meta: Int32Array;
  /** The arena as Int32 cells (the index lives there). @example memory.cells[memory.entry(0)] */
  readonly cells: Int32Array;
  /** The arena as a DataView. @example memory.view.getFloat64(offset + 1, true) */
  readonly view: DataView;
  readonly #arena: GrowableBuffer;
  #bytes: Buffer;

  private constructor(buffers: QueueBuffers) {
    this.#arena = buffers.arena as GrowableBuffer;
    this.meta = new Int32Array(buffers.meta);
    // Length-tracking views: they follow the arena when any thread grows it.
    this.cells = new Int32Array(this.#arena);
    this.view = new DataView(this.#arena);
    this.#bytes = Buffer.from(this.#arena);
  }

  /**
   * New memory for a queue of `kind` (a number the queue defines) bounded by `maxsize`.
   *
   * @example
   * const memory = QueueMemory.create(0, 100);
   */
  static create(kind: number, maxsize: number): QueueMemory {
    const meta = new SharedArrayBuffer(4 * (SLOTS_BASE + SLOT_CELLS * MAX_WAITERS));
    const arena = new GrowableSharedArrayBuffer(INITIAL_ARENA, { maxByteLength: MAX_QUEUE_BYTES });
    const memory = new QueueMemory({ meta, arena });
    const m = memory.meta;
    m[KIND] = kind;
    m[MAXSIZE] = maxsize;
    m[GETTERS] = m[PUTTERS] = m[FREE_SLOT] = -1;
    m[GETTERS + 1] = m[PUTTERS + 1] = -1;
    m[INDEX_CAP] = INITIAL_ENTRIES;
    m[INDEX_OFF] = memory.alloc(8 * INITIAL_ENTRIES);
    return memory;
  }

  /**
   * The same memory in another thread.
   *
   * @example
   * const memory = QueueMemory.revive(buffers);
   */
  static revive(buffers: QueueBuffers): QueueMemory {
    return new QueueMemory(buffers);
  }

  /** The buffers, to send to another thread. @example { kind: 'Queue', data: memory.buffers } */
  get buffers(): QueueBuffers {
    return { meta: this.meta.buffer as SharedArrayBuffer, arena: this.#arena };
  }

  /** The arena's bytes (a Buffer view, renewed after the arena grew). @example memory.bytes[offset] */
  get bytes(): Uint8Array {
    if (this.#bytes.length !== this.#arena.byteLength) this.#bytes = Buffer.from(this.#arena);
    return this.#bytes;
  }

  /** Cell of the index holding entry `position`'s offset (its length is the next cell). @example memory.cells[memory.entry(0)] */
  entry(position: number): number {
    return (this.meta[INDEX_OFF]! >> 2) + 2 * position;
  }

  /**
   * Place a record of `size` bytes; returns its offset. Compacts or grows
   * the arena when the bump pointer reaches its end; a RangeError when the
   * queue would hold more than {@link MAX_QUEUE_BYTES}.
   *
   * @example
   * const offset = memory.alloc(itemSize(item));
   */
  alloc(size: number): number {
    const m = this.meta;
    const need = align(size);
    const capacity = this.#arena.byteLength;
    if (m[USED]! + need > capacity) {
      const live = m[LIVE]! + need;
      if (live > MAX_QUEUE_BYTES) {
        throw new RangeError(`a native queue holds at most ${MAX_QUEUE_BYTES} bytes of items; this item needs ${size} more bytes`);
      }
      if (live > capacity / 2) {
        let grown = capacity;
        while (grown < 2 * live) grown *= 2;
        this.#arena.grow(Math.min(grown, MAX_QUEUE_BYTES));
      }
      if (m[USED]! + need > this.#arena.byteLength) this.#compact();
    }
    const offset = m[USED]!;
    m[USED] = offset + need;
    m[LIVE] = m[LIVE]! + need;
    return offset;
  }

  /**
   * Forget the record of `size` bytes at `offset`.
   *
   * @example
   * memory.free(offset, length);
   */
  free(offset: number, size: number): void {
    const m = this.meta;
    m[LIVE] = m[LIVE]! - align(size);
    if (m[LIVE] === 0) m[USED] = 0;
    else if (offset + align(size) === m[USED]) m[USED] = offset; // the newest record (a stack's top): reuse its room
  }

  /** Slide every live record down to the start of the arena and update every reference to it. */
  #compact(): void {
    const m = this.meta;
    const cells = this.cells;
    // A reference is a cell holding an offset, with the length in the next cell (the index's own: m[INDEX_OFF]).
    const refs: { cell: Int32Array; at: number; offset: number; size: number }[] = [
      { cell: m, at: INDEX_OFF, offset: m[INDEX_OFF]!, size: 8 * m[INDEX_CAP]! },
    ];
    const base = m[INDEX_OFF]! >> 2;
    const mask = m[INDEX_CAP]! - 1;
    for (let k = 0; k < m[COUNT]!; k++) {
      const at = base + 2 * ((m[HEAD]! + k) & mask);
      refs.push({ cell: cells, at, offset: cells[at]!, size: cells[at + 1]! });
    }
    for (let s = 0; s < m[SLOT_TOP]!; s++) {
      const at = SLOTS_BASE + SLOT_CELLS * s + SLOT_OFFSET;
      if (m[at]! >= 0 && m[at - SLOT_OFFSET] !== 0) refs.push({ cell: m, at, offset: m[at]!, size: m[at + 1]! });
    }
    refs.sort((a, b) => a.offset - b.offset);
    const bytes = this.bytes;
    let to = 0;
    const moved: number[] = [];
    for (const ref of refs) {
      if (ref.offset !== to) bytes.copyWithin(to, ref.offset, ref.offset + ref.size);
      moved.push(to);
      to += align(ref.size);
    }
    // The index may have moved: write the entries' new offsets where it is now.
    const indexRef = refs.findIndex((r) => r.cell === m && r.at === INDEX_OFF);
    const shift = (moved[indexRef]! - m[INDEX_OFF]!) >> 2;
    m[INDEX_OFF] = moved[indexRef]!;
    refs.forEach((ref, i) => {
      if (i === indexRef) return;
      if (ref.cell === cells) cells[ref.at + shift] = moved[i]!;
      else m[ref.at] = moved[i]!;
    });
    m[USED] = to;
    m[LIVE] = to;
  }
}
