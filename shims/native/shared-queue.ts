/**
 * The engine of the native queue: put, get, task tracking and shutdown on
 * a queue's shared memory (queue-memory.ts), with Python's semantics and
 * FIFO service of blocked callers, from any thread.
 *
 * Every state change is one short synchronous critical section under the
 * queue's mutex. Nothing can barge past a blocked caller: a put that finds
 * a getter waiting hands it the item directly (the record goes into the
 * getter's slot), and a blocked putter's item is already in shared memory,
 * admitted into the queue by the get that frees its room. So a blocked
 * caller's wait ends when its own slot is settled, and it only reads the
 * outcome back. A cloned item is deserialized after the mutex is released.
 *
 * @module
 */
import { Empty, Full, InvalidState, ShutDown } from '../../runtime/errors.js';
import { naturalOrder } from '../../runtime/natural-order.js';
import { waitWhile } from './atomic-wait.js';
import { finishItem, itemSize, readItem, writeItem } from './item-codec.js';
import {
  COUNT, GETTERS, HEAD, INDEX_CAP, KIND, LOCK, MAXSIZE, PUTTERS, QueueMemory, SHUT, SLOT_LENGTH, SLOT_OFFSET,
  UNFINISHED, type QueueBuffers,
} from './queue-memory.js';
import { add, PRIORITY, take, taken } from './queue-order.js';
import { dequeue, enqueue, GRANTED, REFUSED, release, settle, SHUTDOWN, slotCell, unlink, WAITING, waitSettled } from './queue-waiters.js';
import { lockCell, unlockCell } from './shared-mutex.js';
import { deadlineAfter } from '../shared/timeout.js';

const RESOLVED: Promise<void> = Promise.resolve();

function unorderable(): TypeError {
  return new TypeError('PriorityQueue cannot order this item with the queued ones (numbers, strings and arrays of them only)');
}

/**
 * A queue in shared memory: any thread holding a `SharedQueue` on the same
 * buffers sees and changes the same queue.
 *
 * @example
 * const q = SharedQueue.create(FIFO, 100);
 * await q.put(1, true, null);
 * await q.get(true, null); // 1
 */
export class SharedQueue {
  /** The shared memory (queue-memory.ts). @example q.memory.buffers */
  readonly memory: QueueMemory;
  readonly #meta: Int32Array;
  readonly #kind: number;

  private constructor(memory: QueueMemory) {
    this.memory = memory;
    this.#meta = memory.meta;
    this.#kind = memory.meta[KIND]!;
  }

  /**
   * A new empty queue of `kind` (queue-order.ts) bounded by `maxsize` (`<= 0`: unbounded).
   *
   * @example
   * const q = SharedQueue.create(LIFO, 0);
   */
  static create(kind: number, maxsize: number): SharedQueue {
    return new SharedQueue(QueueMemory.create(kind, maxsize));
  }

  /**
   * The queue another thread created, from its buffers.
   *
   * @example
   * const q = SharedQueue.revive(buffers);
   */
  static revive(buffers: QueueBuffers): SharedQueue {
    return new SharedQueue(QueueMemory.revive(buffers));
  }

  /** Items queued. @example q.count */
  get count(): number {
    return Atomics.load(this.#meta, COUNT);
  }

  /** The bound (`<= 0`: none), the same in every thread. @example q.maxsize = 2 */
  get maxsize(): number {
    return Atomics.load(this.#meta, MAXSIZE);
  }

  set maxsize(value: number) {
    Atomics.store(this.#meta, MAXSIZE, value);
  }

  /** True when bounded and at its bound. @example if (q.full) dropped++; */
  get full(): boolean {
    const max = this.maxsize;
    return max > 0 && this.count >= max;
  }

  /** Items put and not yet marked done. @example q.unfinished */
  get unfinished(): number {
    return Atomics.load(this.#meta, UNFINISHED);
  }

  /** True once shut down. @example q.isShutdown */
  get isShutdown(): boolean {
    return Atomics.load(this.#meta, SHUT) === 1;
  }

  /** Callers blocked in get, in every thread. @example q.waitingGetters */
  get waitingGetters(): number {
    return Atomics.load(this.#meta, GETTERS + 2);
  }

  /** Callers blocked in put, in every thread. @example q.waitingPutters */
  get waitingPutters(): number {
    return Atomics.load(this.#meta, PUTTERS + 2);
  }

  /**
   * Python's `put`: `block` false (or a timeout of 0) never waits; else
   * wait for room until `timeout` seconds (null: forever). Rejects with Full
   * or ShutDown; throws a TypeError at once for an item that cannot be
   * cloned or ordered.
   *
   * @example
   * await q.put(item, true, 5);
   */
  put(item: unknown, block: boolean, timeout: number | null | undefined): Promise<void> {
    const size = itemSize(item);
    const wait = block && timeout !== 0;
    const m = this.#meta;
    let slot: number;
    lockCell(m, LOCK);
    try {
      if (m[SHUT]) return Promise.reject(new ShutDown());
      if (this.#putNow(item, size)) return RESOLVED;
      if (!wait) return Promise.reject(new Full());
      if (this.#kind === PRIORITY) this.#checkOrderable(item);
      const offset = this.#write(item, size);
      slot = enqueue(this.memory, PUTTERS);
      m[slotCell(slot) + SLOT_OFFSET] = offset;
      m[slotCell(slot) + SLOT_LENGTH] = size;
    } finally {
      unlockCell(m, LOCK);
    }
    return this.#awaitPut(slot, deadlineAfter(timeout));
  }

  /**
   * Python's `put_nowait` (synchronous): throws Full or ShutDown.
   *
   * @example
   * q.putNowait(item);
   */
  putNowait(item: unknown): void {
    const size = itemSize(item);
    const m = this.#meta;
    lockCell(m, LOCK);
    try {
      if (m[SHUT]) throw new ShutDown();
      if (!this.#putNow(item, size)) throw new Full();
    } finally {
      unlockCell(m, LOCK);
    }
  }

  /**
   * Python's `get`: `block` false (or a timeout of 0) never waits; else wait
   * for an item until `timeout` seconds (null: forever). Rejects with Empty,
   * or ShutDown once shut down and empty.
   *
   * @example
   * const item = await q.get(true, null);
   */
  get(block: boolean, timeout: number | null | undefined): Promise<unknown> {
    const m = this.#meta;
    let raw: unknown;
    let slot = -1;
    lockCell(m, LOCK);
    try {
      if (m[COUNT]! > 0) raw = this.#takeNow();
      else if (m[SHUT]) return Promise.reject(new ShutDown());
      else if (!block || timeout === 0) return Promise.reject(new Empty());
      else slot = enqueue(this.memory, GETTERS);
    } catch (error) {
      return Promise.reject(error); // a PriorityQueue whose items cannot be ordered: nothing changed
    } finally {
      unlockCell(m, LOCK);
    }
    if (slot < 0) return Promise.resolve(finishItem(raw));
    return this.#awaitGet(slot, deadlineAfter(timeout));
  }

  /**
   * Python's `get_nowait` (synchronous): throws Empty, or ShutDown once shut down and empty.
   *
   * @example
   * const item = q.getNowait();
   */
  getNowait(): unknown {
    const m = this.#meta;
    let raw: unknown;
    lockCell(m, LOCK);
    try {
      if (m[COUNT]! === 0) throw m[SHUT] ? new ShutDown() : new Empty();
      raw = this.#takeNow();
    } finally {
      unlockCell(m, LOCK);
    }
    return finishItem(raw);
  }

  /**
   * Python's `task_done`: throws InvalidState when no task is unfinished.
   *
   * @example
   * q.taskDone();
   */
  taskDone(): void {
    const m = this.#meta;
    lockCell(m, LOCK);
    try {
      if (m[UNFINISHED]! <= 0) throw new InvalidState('task_done() called too many times');
      m[UNFINISHED]! -= 1;
      if (m[UNFINISHED] === 0) Atomics.notify(m, UNFINISHED);
    } finally {
      unlockCell(m, LOCK);
    }
  }

  /**
   * Python's `join`: resolves once no task is unfinished.
   *
   * @example
   * await q.join();
   */
  join(): Promise<void> {
    return this.unfinished === 0 ? RESOLVED : this.#joinSlow();
  }

  async #joinSlow(): Promise<void> {
    for (let left = this.unfinished; left !== 0; left = this.unfinished) await waitWhile(this.#meta, UNFINISHED, left, null);
  }

  /**
   * Python 3.13's `shutdown`: later puts fail, gets fail once empty, every
   * blocked caller wakes with ShutDown; `immediate` drops the queued items
   * (each counts as a finished task) and wakes `join()` callers to look again.
   *
   * @example
   * q.shutdown(false);
   */
  shutdown(immediate: boolean): void {
    const m = this.#meta;
    const memory = this.memory;
    lockCell(m, LOCK);
    try {
      m[SHUT] = 1;
      if (immediate) {
        const count = m[COUNT]!;
        const mask = m[INDEX_CAP]! - 1;
        for (let k = 0; k < count; k++) {
          const at = memory.entry((m[HEAD]! + k) & mask);
          memory.free(memory.cells[at]!, memory.cells[at + 1]!);
        }
        m[COUNT] = 0;
        m[HEAD] = 0;
        m[UNFINISHED] = Math.max(0, m[UNFINISHED]! - count);
        Atomics.notify(m, UNFINISHED);
      }
      for (let slot = dequeue(memory, GETTERS); slot >= 0; slot = dequeue(memory, GETTERS)) settle(memory, slot, SHUTDOWN);
      for (let slot = dequeue(memory, PUTTERS); slot >= 0; slot = dequeue(memory, PUTTERS)) {
        this.#dropSlotRecord(slot);
        settle(memory, slot, SHUTDOWN);
      }
    } finally {
      unlockCell(m, LOCK);
    }
  }

  /** Under the mutex: put without waiting if a getter waits or there is room; false when full. */
  #putNow(item: unknown, size: number): boolean {
    const m = this.#meta;
    const memory = this.memory;
    if (m[GETTERS]! >= 0) {
      const offset = this.#write(item, size);
      const getter = dequeue(memory, GETTERS);
      m[slotCell(getter) + SLOT_OFFSET] = offset;
      m[slotCell(getter) + SLOT_LENGTH] = size;
      m[UNFINISHED]! += 1;
      settle(memory, getter, GRANTED);
      return true;
    }
    const max = m[MAXSIZE]!;
    if (max > 0 && m[COUNT]! >= max) return false;
    const offset = this.#write(item, size);
    try {
      add(memory, this.#kind, offset, size, item);
    } catch (error) {
      memory.free(offset, size);
      throw error;
    }
    m[UNFINISHED]! += 1;
    return true;
  }

  /** Under the mutex: place and write an item's record. */
  #write(item: unknown, size: number): number {
    const offset = this.memory.alloc(size);
    writeItem(item, this.memory, offset);
    return offset;
  }

  /** Under the mutex: take the next item (deferred if cloned), then admit the first blocked putter. */
  #takeNow(): unknown {
    const memory = this.memory;
    const m = this.#meta;
    take(memory, this.#kind);
    const { offset, length } = taken;
    const raw = readItem(memory, offset, length, true);
    memory.free(offset, length);
    const max = m[MAXSIZE]!;
    while (m[PUTTERS + 2]! > 0 && (max <= 0 || m[COUNT]! < max)) {
      const slot = dequeue(memory, PUTTERS);
      const at = slotCell(slot);
      const recordOffset = m[at + SLOT_OFFSET]!;
      const recordLength = m[at + SLOT_LENGTH]!;
      try {
        add(memory, this.#kind, recordOffset, recordLength, readItem(memory, recordOffset, recordLength));
      } catch {
        this.#dropSlotRecord(slot); // its item cannot be ordered with the ones queued since: that put fails
        settle(memory, slot, REFUSED);
        continue;
      }
      m[at + SLOT_OFFSET] = -1; // the record now belongs to the index
      m[UNFINISHED]! += 1;
      settle(memory, slot, GRANTED);
    }
    return raw;
  }

  #checkOrderable(item: unknown): void {
    if (this.#meta[COUNT]! === 0) return;
    const at = this.memory.entry(0);
    naturalOrder(item, readItem(this.memory, this.memory.cells[at]!, this.memory.cells[at + 1]!));
  }

  #dropSlotRecord(slot: number): void {
    const m = this.#meta;
    const at = slotCell(slot);
    if (m[at + SLOT_OFFSET]! < 0) return;
    this.memory.free(m[at + SLOT_OFFSET]!, m[at + SLOT_LENGTH]!);
    m[at + SLOT_OFFSET] = -1;
  }

  async #awaitPut(slot: number, deadline: number | null): Promise<void> {
    await waitSettled(this.memory, slot, deadline);
    const m = this.#meta;
    lockCell(m, LOCK);
    try {
      const state = m[slotCell(slot)]!;
      if (state === WAITING) {
        unlink(this.memory, PUTTERS, slot);
        this.#dropSlotRecord(slot);
      }
      release(this.memory, slot);
      if (state === WAITING) throw new Full();
      if (state === SHUTDOWN) throw new ShutDown();
      if (state === REFUSED) throw unorderable();
    } finally {
      unlockCell(m, LOCK);
    }
  }

  async #awaitGet(slot: number, deadline: number | null): Promise<unknown> {
    await waitSettled(this.memory, slot, deadline);
    const m = this.#meta;
    const at = slotCell(slot);
    let raw: unknown;
    lockCell(m, LOCK);
    try {
      const state = m[at]!;
      if (state === WAITING) unlink(this.memory, GETTERS, slot);
      if (state === GRANTED) {
        raw = readItem(this.memory, m[at + SLOT_OFFSET]!, m[at + SLOT_LENGTH]!, true);
        this.#dropSlotRecord(slot);
      }
      release(this.memory, slot);
      if (state === WAITING) throw new Empty();
      if (state === SHUTDOWN) throw new ShutDown();
    } finally {
      unlockCell(m, LOCK);
    }
    return finishItem(raw);
  }
}
