/**
 * The callers blocked on a native queue: each takes a waiter slot in the
 * queue's meta cells and joins a FIFO list (getters or putters), so they
 * are served in arrival order across every thread. Whoever serves one
 * settles its slot (granted, shut down, refused) and wakes exactly that
 * waiter with `Atomics.notify`; a slot can carry a record — the item a
 * blocked putter brought, or the one handed to a blocked getter. List and
 * slot changes happen under the queue's mutex; the waiting itself is an
 * `Atomics.waitAsync` (atomic-wait.ts), so the thread's event loop runs on
 * and a pending wait keeps the thread alive.
 *
 * @module
 */
import { ThreadError } from '../shared/errors.js';
import { waitWhile } from './atomic-wait.js';
import {
  FREE_SLOT, MAX_WAITERS, SLOT_CELLS, SLOT_LENGTH, SLOT_NEXT, SLOT_OFFSET, SLOT_STATE, SLOT_TOP, SLOTS_BASE,
  type QueueMemory,
} from './queue-memory.js';

/** Slot state: in a list, waiting. @example if (state === WAITING) unlink(memory, GETTERS, slot); */
export const WAITING = 1;
/** Slot state: served (a getter holds its item, a putter's item was admitted). @example settle(memory, slot, GRANTED); */
export const GRANTED = 2;
/** Slot state: woken by shutdown. @example settle(memory, slot, SHUTDOWN); */
export const SHUTDOWN = 3;
/** Slot state: a putter whose item could not be ordered when admitted. @example settle(memory, slot, REFUSED); */
export const REFUSED = 4;

/** First cell of slot `slot`. @example memory.meta[slotCell(slot) + SLOT_STATE] */
export function slotCell(slot: number): number {
  return SLOTS_BASE + SLOT_CELLS * slot;
}

/**
 * Take a free slot, mark it waiting and append it to `list` (the meta cell
 * of the list's head; tail and length follow). Throws ThreadError when
 * {@link MAX_WAITERS} callers already wait.
 *
 * @example
 * const slot = enqueue(memory, GETTERS);
 */
export function enqueue(memory: QueueMemory, list: number): number {
  const m = memory.meta;
  let slot = m[FREE_SLOT]!;
  if (slot >= 0) m[FREE_SLOT] = m[slotCell(slot) + SLOT_NEXT]!;
  else if (m[SLOT_TOP]! < MAX_WAITERS) slot = m[SLOT_TOP]!++;
  else throw new ThreadError(`too many callers waiting on one native queue (max ${MAX_WAITERS})`);
  const at = slotCell(slot);
  m[at + SLOT_STATE] = WAITING;
  m[at + SLOT_NEXT] = -1;
  m[at + SLOT_OFFSET] = -1;
  if (m[list + 1]! < 0) m[list] = slot;
  else m[slotCell(m[list + 1]!) + SLOT_NEXT] = slot;
  m[list + 1] = slot;
  m[list + 2]! += 1;
  return slot;
}

/**
 * Remove and return the first slot of `list`, or -1 when it is empty.
 *
 * @example
 * const next = dequeue(memory, PUTTERS);
 */
export function dequeue(memory: QueueMemory, list: number): number {
  const m = memory.meta;
  const slot = m[list]!;
  if (slot < 0) return -1;
  m[list] = m[slotCell(slot) + SLOT_NEXT]!;
  if (m[list]! < 0) m[list + 1] = -1;
  m[list + 2]! -= 1;
  return slot;
}

/**
 * Remove `slot` from `list`, wherever it is (a waiter that timed out).
 *
 * @example
 * unlink(memory, GETTERS, slot);
 */
export function unlink(memory: QueueMemory, list: number, slot: number): void {
  const m = memory.meta;
  let before = -1;
  for (let s = m[list]!; s !== slot; s = m[slotCell(s) + SLOT_NEXT]!) before = s;
  const next = m[slotCell(slot) + SLOT_NEXT]!;
  if (before < 0) m[list] = next;
  else m[slotCell(before) + SLOT_NEXT] = next;
  if (m[list + 1] === slot) m[list + 1] = before;
  m[list + 2]! -= 1;
}

/**
 * Settle a slot that left its list: store `state` and wake its waiter.
 *
 * @example
 * settle(memory, slot, SHUTDOWN);
 */
export function settle(memory: QueueMemory, slot: number, state: number): void {
  Atomics.store(memory.meta, slotCell(slot) + SLOT_STATE, state);
  Atomics.notify(memory.meta, slotCell(slot) + SLOT_STATE, 1);
}

/**
 * Give a settled slot back (its record, if any, is the caller's business).
 *
 * @example
 * release(memory, slot);
 */
export function release(memory: QueueMemory, slot: number): void {
  const m = memory.meta;
  const at = slotCell(slot);
  m[at + SLOT_STATE] = 0;
  m[at + SLOT_OFFSET] = -1;
  m[at + SLOT_NEXT] = m[FREE_SLOT]!;
  m[FREE_SLOT] = slot;
}

/**
 * Wait (without the mutex) until `slot` is settled or `deadline` passes
 * (`performance.now()` ms, `null` = none); then read its state under the
 * mutex: still {@link WAITING} means it timed out.
 *
 * @example
 * await waitSettled(memory, slot, deadline);
 */
export async function waitSettled(memory: QueueMemory, slot: number, deadline: number | null): Promise<void> {
  const at = slotCell(slot) + SLOT_STATE;
  while (Atomics.load(memory.meta, at) === WAITING) {
    if (!(await waitWhile(memory.meta, at, WAITING, deadline))) return;
  }
}
