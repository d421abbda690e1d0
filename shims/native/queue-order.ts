/**
 * The order of a native queue's items: the index in its shared memory (an
 * array of `(offset, length)` entries, capacity a power of two) used as a
 * FIFO ring, a LIFO stack or a binary min-heap. Called under the queue's
 * mutex only.
 *
 * The heap compares items after reading them back from shared memory, in
 * whichever thread does the put or get, with Python's order
 * (runtime/natural-order.ts). Its operations are atomic: every comparison
 * is made before anything moves, so an item that cannot be ordered throws
 * its TypeError and leaves the heap as it was.
 *
 * @module
 */
import { naturalOrder } from '../../runtime/natural-order.js';
import { readItem } from './item-codec.js';
import { COUNT, HEAD, INDEX_CAP, INDEX_OFF, type QueueMemory } from './queue-memory.js';

/** Queue kind (the `KIND` meta cell): first in, first out. @example SharedQueue.create(FIFO, 0) */
export const FIFO = 0;
/** Queue kind: last in, first out. @example SharedQueue.create(LIFO, 0) */
export const LIFO = 1;
/** Queue kind: smallest first, in Python's order. @example SharedQueue.create(PRIORITY, 0) */
export const PRIORITY = 2;

/** The entry {@link take} removed last. @example take(memory, FIFO); free(taken.offset, taken.length); */
export const taken = { offset: 0, length: 0 };

/** Double the index, copying the entries to its start in queue order. */
function growIndex(memory: QueueMemory): void {
  const m = memory.meta;
  const capacity = m[INDEX_CAP]!;
  const fresh = memory.alloc(16 * capacity); // may compact, which moves the old index: read it after
  const cells = memory.cells;
  const to = fresh >> 2;
  for (let k = 0; k < capacity; k++) {
    const from = memory.entry((m[HEAD]! + k) & (capacity - 1));
    cells[to + 2 * k] = cells[from]!;
    cells[to + 2 * k + 1] = cells[from + 1]!;
  }
  memory.free(m[INDEX_OFF]!, 8 * capacity);
  m[INDEX_OFF] = fresh;
  m[INDEX_CAP] = 2 * capacity;
  m[HEAD] = 0;
}

function setEntry(memory: QueueMemory, position: number, offset: number, length: number): void {
  const at = memory.entry(position);
  memory.cells[at] = offset;
  memory.cells[at + 1] = length;
}

function copyEntry(memory: QueueMemory, from: number, to: number): void {
  const a = memory.entry(from);
  const b = memory.entry(to);
  memory.cells[b] = memory.cells[a]!;
  memory.cells[b + 1] = memory.cells[a + 1]!;
}

function valueAt(memory: QueueMemory, position: number): unknown {
  const at = memory.entry(position);
  return readItem(memory, memory.cells[at]!, memory.cells[at + 1]!);
}

/**
 * Add the record `(offset, length)` holding `value` in the order of `kind`.
 * Throws a TypeError (and adds nothing) when a PriorityQueue cannot order `value`.
 *
 * @example
 * add(memory, FIFO, offset, length, item);
 */
export function add(memory: QueueMemory, kind: number, offset: number, length: number, value: unknown): void {
  const m = memory.meta;
  const count = m[COUNT]!;
  let position = count;
  if (kind === PRIORITY) {
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (naturalOrder(value, valueAt(memory, parent)) < 0) position = parent;
      else break;
    }
  }
  if (count === m[INDEX_CAP]) growIndex(memory);
  if (kind === PRIORITY) {
    for (let i = count; i > position; i = (i - 1) >> 1) copyEntry(memory, (i - 1) >> 1, i);
  } else {
    position = (m[HEAD]! + count) & (m[INDEX_CAP]! - 1);
  }
  setEntry(memory, position, offset, length);
  m[COUNT] = count + 1;
}

/**
 * Remove the next entry in the order of `kind` (there is one) into {@link taken}.
 * A PriorityQueue may throw a TypeError (items that cannot be ordered) and change nothing.
 *
 * @example
 * take(memory, LIFO);
 * const { offset, length } = taken;
 */
export function take(memory: QueueMemory, kind: number): void {
  const m = memory.meta;
  const count = m[COUNT]! - 1;
  const first = kind === FIFO ? m[HEAD]! : kind === LIFO ? count : 0;
  const at = memory.entry(first);
  taken.offset = memory.cells[at]!;
  taken.length = memory.cells[at + 1]!;
  if (kind === PRIORITY && count > 0) {
    // Find where the last entry settles, comparing only; then move the path up.
    const last = valueAt(memory, count);
    const path: number[] = [];
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      if (l >= count) break;
      const c = l + 1 < count && naturalOrder(valueAt(memory, l + 1), valueAt(memory, l)) < 0 ? l + 1 : l;
      if (naturalOrder(valueAt(memory, c), last) >= 0) break;
      path.push(c);
      i = c;
    }
    let hole = 0;
    for (const child of path) {
      copyEntry(memory, child, hole);
      hole = child;
    }
    copyEntry(memory, count, hole);
  }
  if (kind === FIFO) m[HEAD] = count === 0 ? 0 : (first + 1) & (m[INDEX_CAP]! - 1);
  m[COUNT] = count;
}
