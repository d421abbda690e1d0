/**
 * Python's `queue` across real threads: `Queue`, `LifoQueue`,
 * `PriorityQueue` and `SimpleQueue` whose items live in shared memory, so
 * a queue passed in a native thread's `args` is the same queue in that
 * thread, and producers and consumers in any threads talk through it
 * directly — no message through the main thread.
 *
 * An item is copied into the queue when put (structured clone, like
 * `postMessage`; numbers and strings take a shorter path) and copied out
 * by the `get` that takes it: the getter owns a fresh copy. A native Lock,
 * Event or Queue inside an item is refused (TypeError): pass those in
 * `args`. Blocked `put` and `get` callers, in every thread, are served in
 * arrival order, wait with `Atomics.waitAsync` (the thread's event loop
 * runs on) and keep the thread alive like any pending native wait.
 * Every call that can wait returns a Promise; `put_nowait`, `get_nowait`,
 * `task_done` and `shutdown` are synchronous. `Empty`, `Full` and
 * `ShutDown` are the same classes as the green queue's.
 *
 * Limits: at most {@link MAX_WAITERS} callers waiting on one queue at once
 * (ThreadError beyond), and {@link MAX_QUEUE_BYTES} of queued items
 * (RangeError beyond).
 *
 * @example
 * import { Queue } from 'green-loader/native/queue';
 * import { Thread } from 'green-loader/native/threading';
 * const jobs = new Queue(100);
 * const worker = new Thread({ target: async (q) => { for (;;) { const job = await q.get(); if (job === null) break; q.task_done(); } }, args: [jobs] });
 * await worker.start();
 * for (let i = 0; i < 10; i++) await jobs.put(i);
 * await jobs.join();
 * await jobs.put(null);
 * await worker.join();
 *
 * @module
 */
import { Empty, Full, ShutDown } from '../../runtime/errors.js';
import { blockArgs, checkMaxsize, truthValue } from '../shared/queue-args.js';
import { MAX_QUEUE_BYTES, MAX_WAITERS, type QueueBuffers } from './queue-memory.js';
import { FIFO, LIFO, PRIORITY } from './queue-order.js';
import { registerShareable, SHARE, type Shareable } from './shareable.js';
import { markSiteShared, shareAtSite } from './shared-sites.js';
import { SharedQueue } from './shared-queue.js';

export { Empty, Full, MAX_QUEUE_BYTES, MAX_WAITERS, ShutDown };

/** The largest bound a native queue stores (one Int32 cell). */
const MAX_BOUND = 0x7fffffff;

function nativeMaxsize(value: unknown): number {
  const maxsize = checkMaxsize(value);
  if (maxsize > MAX_BOUND) throw new RangeError(`maxsize must be at most ${MAX_BOUND} for a native queue (<= 0 means unbounded), got ${maxsize}`);
  return maxsize < -MAX_BOUND ? -1 : maxsize;
}

/** The shared queue a constructor adopts instead of creating one, while a queue from another thread is revived. */
let reviving: SharedQueue | null = null;

function adopt(kind: number, maxsize: unknown): SharedQueue {
  const shared = reviving;
  reviving = null;
  return shared ?? SharedQueue.create(kind, nativeMaxsize(maxsize));
}

/**
 * A kind's reviver: a new instance around the sender's shared queue, or (a
 * module-level queue matched by its creation site) `into`, the instance this
 * thread just made there, switched over to it.
 */
function revive<T>(Class: new () => T, switchOver: (into: T, shared: SharedQueue) => void): (buffers: QueueBuffers, into?: T) => T {
  return (buffers, into) => {
    if (into !== undefined) {
      switchOver(into, SharedQueue.revive(buffers));
      return into;
    }
    reviving = SharedQueue.revive(buffers);
    return new Class();
  };
}

/**
 * Python's `queue.Queue` across threads: a FIFO queue, bounded when
 * `maxsize > 0`, that counts unfinished tasks (`task_done`, `join`) for
 * every thread.
 *
 * @example
 * const q = new Queue(100);
 * await q.put({ id: 1 });
 * await q.get(); // { id: 1 } (a copy)
 */
export class Queue<T = unknown> implements Shareable {
  static {
    markSiteShared(Queue);
    registerShareable('Queue', revive(Queue, Queue._switchOver));
  }

  #q: SharedQueue;

  /** @internal Make `queue` use `shared` (a module-level queue matched in a new thread). */
  protected static _switchOver(queue: Queue<any>, shared: SharedQueue): void {
    queue.#q = shared;
  }

  /**
   * @param maxsize the most items it holds; `<= 0` (the default): unbounded.
   *
   * @example
   * const unbounded = new Queue();
   */
  constructor(maxsize: number = 0) {
    this.#q = adopt(this._kind(), maxsize);
    shareAtSite(this, Queue);
  }

  /** @internal The order of this kind. */
  protected _kind(): number {
    return FIFO;
  }

  /**
   * The bound (`<= 0`: unbounded), the same for every thread. Assigning it
   * changes the bound for later puts, like Python's attribute (nothing
   * blocked is woken by it).
   *
   * @example
   * q.maxsize = 2;
   */
  get maxsize(): number {
    return this.#q.maxsize;
  }

  set maxsize(value: number) {
    this.#q.maxsize = nativeMaxsize(value);
  }

  /**
   * Number of items queued (by every thread).
   *
   * @example
   * if (q.qsize() > 1000) console.warn('consumers are behind');
   */
  qsize(): number {
    return this.#q.count;
  }

  /**
   * True when no item is queued.
   *
   * @example
   * while (!q.empty()) q.get_nowait();
   */
  empty(): boolean {
    return this.#q.count === 0;
  }

  /**
   * True when `maxsize > 0` and that many items are queued.
   *
   * @example
   * if (q.full()) dropped++;
   */
  full(): boolean {
    return this.#q.full;
  }

  /**
   * Put a copy of `item`, waiting for room while the queue is full. Rejects
   * with `Full` when `block` is false and there is no room, or when
   * `timeout` seconds pass; with `ShutDown` once the queue is shut down.
   * Throws a TypeError at once for an item that cannot be cloned.
   *
   * @example
   * await q.put(job);
   * await q.put(job, true, 0.5); // Full after half a second
   */
  put(item: T, block: unknown = true, timeout: number | null = null): Promise<void> {
    return this.#q.put(item, blockArgs(block, timeout), timeout);
  }

  /**
   * Put without waiting (synchronous): throws `Full` or `ShutDown`.
   *
   * @example
   * q.put_nowait(event);
   */
  put_nowait(item: T): void {
    this.#q.putNowait(item);
  }

  /**
   * Remove and return the next item, waiting while the queue is empty.
   * Rejects with `Empty` when `block` is false and nothing is queued, or
   * when `timeout` seconds pass; with `ShutDown` once shut down and empty.
   *
   * @example
   * const job = await q.get();
   * const next = await q.get(true, 1); // Empty after a second
   */
  get(block: unknown = true, timeout: number | null = null): Promise<T> {
    return this.#q.get(blockArgs(block, timeout), timeout) as Promise<T>;
  }

  /**
   * Remove and return the next item without waiting (synchronous): throws
   * `Empty`, or `ShutDown` once shut down and empty.
   *
   * @example
   * const job = q.get_nowait();
   */
  get_nowait(): T {
    return this.#q.getNowait() as T;
  }

  /**
   * Mark one task (an item got earlier, in any thread) finished; `join()`
   * returns once every put item is. Throws `InvalidState` "task_done()
   * called too many times" (Python: ValueError).
   *
   * @example
   * const job = await q.get();
   * try { await run(job); } finally { q.task_done(); }
   */
  task_done(): void {
    this.#q.taskDone();
  }

  /**
   * Wait until every item put (by any thread) has been marked done.
   *
   * @example
   * await q.join();
   */
  join(): Promise<void> {
    return this.#q.join();
  }

  /**
   * Items put and not yet marked done.
   *
   * @example
   * q.unfinished_tasks; // 0 once every task is done
   */
  get unfinished_tasks(): number {
    return this.#q.unfinished;
  }

  /**
   * Shut the queue down for every thread (Python 3.13): `put` then throws
   * `ShutDown`, `get` too once the queue is empty, and every blocked caller
   * wakes with `ShutDown`. With `immediate` (a Python truth value) the
   * queued items are dropped at once, each counting as a finished task.
   *
   * @example
   * q.shutdown();     // consumers drain what is queued, then stop
   * q.shutdown(true); // drop everything now
   */
  shutdown(immediate: unknown = false): void {
    this.#q.shutdown(truthValue(immediate, 'immediate', false));
  }

  /**
   * True once `shutdown()` was called (in any thread).
   *
   * @example
   * if (q.is_shutdown) return;
   */
  get is_shutdown(): boolean {
    return this.#q.isShutdown;
  }

  /**
   * Introspection (not in Python): callers blocked in `get()` right now, in every thread.
   *
   * @example
   * q._waiting_getters; // 2 while two consumers wait
   */
  get _waiting_getters(): number {
    return this.#q.waitingGetters;
  }

  /**
   * Introspection (not in Python): callers blocked in `put()` right now, in every thread.
   *
   * @example
   * q._waiting_putters; // 1 while one producer waits for room
   */
  get _waiting_putters(): number {
    return this.#q.waitingPutters;
  }

  /** @internal Shared state for another thread. */
  [SHARE](): { kind: string; data: unknown } {
    return { kind: this._shareKind(), data: this.#q.memory.buffers };
  }

  /** @internal The kind registered for revival. */
  protected _shareKind(): string {
    return 'Queue';
  }
}

/**
 * Python's `queue.LifoQueue` across threads: the most recently put item comes out first.
 *
 * @example
 * const s = new LifoQueue();
 * s.put_nowait(1); s.put_nowait(2);
 * s.get_nowait(); // 2
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  static {
    markSiteShared(LifoQueue);
    registerShareable('LifoQueue', revive(LifoQueue, Queue._switchOver));
  }

  /** @param maxsize as for {@link Queue}. @example new LifoQueue(10); */
  constructor(maxsize: number = 0) {
    super(maxsize);
    shareAtSite(this, LifoQueue);
  }

  protected override _kind(): number {
    return LIFO;
  }

  protected override _shareKind(): string {
    return 'LifoQueue';
  }
}

/**
 * Python's `queue.PriorityQueue` across threads: the smallest item comes
 * out first, in Python's order — numbers and strings by `<`, arrays
 * element by element like tuples, so `[priority, seq, payload]` entries
 * work. Items are compared as read back from shared memory, in the thread
 * that puts or gets. A `put` whose item cannot be ordered with the queued
 * ones throws a TypeError and changes nothing.
 *
 * @example
 * const pq = new PriorityQueue();
 * pq.put_nowait([2, 'later']); pq.put_nowait([1, 'first']);
 * pq.get_nowait(); // [1, 'first']
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  static {
    markSiteShared(PriorityQueue);
    registerShareable('PriorityQueue', revive(PriorityQueue, Queue._switchOver));
  }

  /** @param maxsize as for {@link Queue}. @example new PriorityQueue(10); */
  constructor(maxsize: number = 0) {
    super(maxsize);
    shareAtSite(this, PriorityQueue);
  }

  protected override _kind(): number {
    return PRIORITY;
  }

  protected override _shareKind(): string {
    return 'PriorityQueue';
  }
}

/**
 * Python's `queue.SimpleQueue` across threads: an unbounded FIFO queue
 * without task tracking, `maxsize` or shutdown; `put` never waits (`block`
 * and `timeout` are checked, then ignored, as in Python).
 *
 * @example
 * const events = new SimpleQueue();
 * events.put('ready');
 * await events.get(); // 'ready'
 */
export class SimpleQueue<T = unknown> implements Shareable {
  static {
    markSiteShared(SimpleQueue);
    registerShareable('SimpleQueue', revive(SimpleQueue, (queue, shared) => (queue.#q = shared)));
  }

  #q: SharedQueue = adopt(FIFO, 0);

  /** A new, empty queue. @example new SimpleQueue(); */
  constructor() {
    shareAtSite(this, SimpleQueue);
  }

  /**
   * Put a copy of `item` (never waits).
   *
   * @example
   * await events.put('tick');
   */
  put(item: T, block: unknown = true, timeout: number | null = null): Promise<void> {
    blockArgs(block, timeout);
    this.#q.putNowait(item);
    return Promise.resolve();
  }

  /**
   * Put a copy of `item` (synchronous).
   *
   * @example
   * events.put_nowait('tick');
   */
  put_nowait(item: T): void {
    this.#q.putNowait(item);
  }

  /**
   * Remove and return the next item, waiting while empty; rejects with
   * `Empty` when `block` is false and nothing is queued, or after `timeout` seconds.
   *
   * @example
   * const e = await events.get(true, 5);
   */
  get(block: unknown = true, timeout: number | null = null): Promise<T> {
    return this.#q.get(blockArgs(block, timeout), timeout) as Promise<T>;
  }

  /**
   * Remove and return the next item without waiting: throws `Empty`.
   *
   * @example
   * const e = events.get_nowait();
   */
  get_nowait(): T {
    return this.#q.getNowait() as T;
  }

  /**
   * True when no item is queued.
   *
   * @example
   * events.empty();
   */
  empty(): boolean {
    return this.#q.count === 0;
  }

  /**
   * Number of items queued.
   *
   * @example
   * events.qsize();
   */
  qsize(): number {
    return this.#q.count;
  }

  /**
   * Introspection (not in Python): callers blocked in `get()` right now, in every thread.
   *
   * @example
   * events._waiting_getters;
   */
  get _waiting_getters(): number {
    return this.#q.waitingGetters;
  }

  /** @internal Shared state for another thread. */
  [SHARE](): { kind: string; data: unknown } {
    return { kind: 'SimpleQueue', data: this.#q.memory.buffers };
  }
}
