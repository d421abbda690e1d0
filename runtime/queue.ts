/**
 * Queues: gevent.queue in JavaScript shape — `Queue` (joinable, like Python's
 * `queue.Queue` and gevent ≥ 25.4; `JoinableQueue` is its old name),
 * `LifoQueue`, `PriorityQueue`, `SimpleQueue` and the rendezvous `Channel`.
 *
 * Why it is built this way: queues sit on the hottest path of a greenlet
 * program (producer/consumer, ping-pong between greenlets), so
 * - items live in a ring buffer (power-of-two array, head and count, grows
 *   by doubling): no `Array.shift`, no per-item allocation;
 * - a `put` that finds a getter waiting hands the item straight to it
 *   (`waiter.wake(item)`) without touching the buffer; a blocked putter's item
 *   rides on its waiter (`waiter.item`) and is admitted by the `get` that
 *   frees a slot, so nothing can barge in between;
 * - blocked `put`, `get` and `peek` callers wait in FIFO {@link WaitList}s via
 *   `park()`: served in arrival order, and a waiter that times out or is
 *   killed is unlinked in O(1) and leaves no trace;
 * - a call that needs no wait allocates nothing but the promise it returns
 *   (`put` returns one shared resolved promise). Like every switch point in
 *   this package it still delivers a kill or Timeout that reached the caller
 *   outside a wait, before doing anything.
 *
 * Errors: `Full` (non-blocking or timed-out put), `Empty` (non-blocking or
 * timed-out get/peek), `ShutDown` (Python 3.13). Bad arguments throw a
 * TypeError or RangeError synchronously; the outcomes of an operation
 * (`Full`, `Empty`, `ShutDown`, a kill) reject the promise it returned.
 *
 * JavaScript notes: an item that is a thenable is adopted by the promise `get`
 * returns (every JS promise does that), so queue plain values or wrap
 * promises. `for await (const x of q)` ends cleanly when the queue is shut
 * down and drained — the JS counterpart of gevent's iteration, which stops
 * when it meets `StopIteration` as an item.
 *
 * @module
 */
import { Empty, Full, InvalidState, ShutDown } from './errors.js';
import { naturalOrder, refuseNaN } from './natural-order.js';
import { checkBoolean, checkFunction, checkInteger, checkOptions, checkSeconds } from './validate.js';
import { expireWith, NONE, park, WaitList, type Waiter, takePending } from './waiter.js';

/** Options of `put`, `get` and `peek`. */
export interface QueueOptions {
  /** Wait when the operation cannot complete at once (default true); false throws Full/Empty instead. */
  block?: boolean;
  /** Seconds to wait at most (blocking only); then Full (put) or Empty (get, peek). */
  timeout?: number | null;
}

/** Orders two items of a PriorityQueue: negative when `a` comes out first (like `Array.prototype.sort`). */
export type Comparator<T> = (a: T, b: T) => number;

const RESOLVED_VOID: Promise<void> = Promise.resolve();
const RESOLVED_TRUE: Promise<boolean> = Promise.resolve(true);

/** Validate an options bag; returns `block`. No work at all when `options` is undefined. */
function blockOf(options: QueueOptions | undefined): boolean {
  if (options === undefined) return true;
  checkOptions(options, 'options');
  const block = options.block ?? true;
  checkBoolean(block, 'options.block');
  checkSeconds(options.timeout, 'options.timeout');
  return block;
}

function expireEmpty(w: Waiter<any>): void {
  w.fail(new Empty());
}

function expireFull(w: Waiter<any>): void {
  w.item = undefined;
  w.fail(new Full());
}

/** Storage behind a queue: FIFO ring, LIFO stack or binary heap. */
interface Store<T> {
  length: number;
  add(item: T): void;
  /** Remove and return the next item (the store is not empty). */
  take(): T;
  /** The next item without removing it (the store is not empty). */
  first(): T;
  clear(): void;
  /** Refuse an item the store can never hold (a PriorityQueue's NaN), before anything waits. */
  readonly check?: ((item: T) => void) | null;
}

/** FIFO ring buffer: power-of-two array, head index and count; grows by doubling. */
class Ring<T> implements Store<T> {
  length = 0;
  private buf: (T | undefined)[] = new Array(16);
  private head = 0;
  private mask = 15;

  add(item: T): void {
    if (this.length > this.mask) this.grow();
    this.buf[(this.head + this.length) & this.mask] = item;
    this.length++;
  }

  take(): T {
    const i = this.head;
    const item = this.buf[i] as T;
    this.buf[i] = undefined;
    this.head = (i + 1) & this.mask;
    this.length--;
    return item;
  }

  first(): T {
    return this.buf[this.head] as T;
  }

  clear(): void {
    this.buf.fill(undefined);
    this.head = 0;
    this.length = 0;
  }

  private grow(): void {
    const old = this.buf;
    const n = old.length;
    const buf: (T | undefined)[] = new Array(n * 2);
    for (let k = 0; k < n; k++) buf[k] = old[(this.head + k) & (n - 1)];
    this.buf = buf;
    this.head = 0;
    this.mask = n * 2 - 1;
  }
}

/** LIFO stack. */
class Stack<T> implements Store<T> {
  length = 0;
  private items: T[] = [];

  add(item: T): void {
    this.items.push(item);
    this.length++;
  }

  take(): T {
    this.length--;
    return this.items.pop() as T;
  }

  first(): T {
    return this.items[this.length - 1] as T;
  }

  clear(): void {
    this.items = [];
    this.length = 0;
  }
}

/**
 * Binary min-heap. Both operations are atomic: if `compare` throws, the heap
 * is left exactly as it was (`add` finds the slot before moving anything;
 * `take` undoes its moves).
 */
class Heap<T> implements Store<T> {
  length = 0;
  private items: T[] = [];

  constructor(
    private readonly compare: Comparator<T>,
    readonly check: ((item: T) => void) | null = null,
  ) {}

  add(item: T): void {
    const a = this.items;
    const cmp = this.compare;
    let pos = this.length;
    while (pos > 0) {
      const p = (pos - 1) >> 1;
      if (cmp(item, a[p]!) < 0) pos = p;
      else break;
    }
    let i = this.length;
    while (i > pos) {
      const p = (i - 1) >> 1;
      a[i] = a[p]!;
      i = p;
    }
    a[pos] = item;
    this.length++;
  }

  take(): T {
    const a = this.items;
    const top = a[0]!;
    const n = this.length - 1;
    if (n > 0) {
      const cmp = this.compare;
      const last = a[n]!;
      let i = 0;
      try {
        for (;;) {
          const l = 2 * i + 1;
          if (l >= n) break;
          const c = l + 1 < n && cmp(a[l + 1]!, a[l]!) < 0 ? l + 1 : l;
          if (cmp(a[c]!, last) < 0) {
            a[i] = a[c]!;
            i = c;
          } else break;
        }
      } catch (error) {
        // Undo: each step copied a child up into its parent; copy them back down.
        for (; i > 0; i = (i - 1) >> 1) a[i] = a[(i - 1) >> 1]!;
        a[0] = top;
        throw error;
      }
      a[i] = last;
    }
    a.pop();
    this.length = n;
    return top;
  }

  first(): T {
    return this.items[0]!;
  }

  clear(): void {
    this.items = [];
    this.length = 0;
  }
}

/** The iteration result that ends a `for await` loop. */
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

function endOnShutDown(error: unknown): IteratorReturnResult<undefined> {
  if (error instanceof ShutDown) return DONE;
  throw error;
}

function asResult<T>(value: T): IteratorYieldResult<T> {
  return { done: false, value };
}

/**
 * What every queue here shares: storage, waiting getters/putters/peekers,
 * shutdown and async iteration. Not constructed directly; use it as the type
 * of "any queue".
 *
 * @example
 * async function drain<T>(q: QueueBase<T>): Promise<T[]> {
 *   const out: T[] = [];
 *   while (!q.empty()) out.push(q.getNowait());
 *   return out;
 * }
 */
export abstract class QueueBase<T = unknown> implements AsyncIterable<T> {
  /** @internal Items; the subclass picks the kind. */
  protected store: Store<T>;
  /** @internal Slots: Infinity when unbounded, 0 for a Channel. */
  protected capacity: number;
  /** @internal Items put and not yet marked done (`taskDone`). */
  protected unfinished = 0;
  /** @internal */ protected getters: WaitList | null = null;
  /** @internal */ protected putters: WaitList | null = null;
  /** @internal */ protected peekers: WaitList | null = null;
  /** @internal */ protected joiners: WaitList | null = null;
  private shut = false;

  protected constructor(capacity: number, store: Store<T>) {
    this.capacity = capacity;
    this.store = store;
  }

  /** The bound given at construction: `null` when unbounded (gevent's `None`), 0 for a Channel. */
  get maxsize(): number | null {
    return this.capacity === Infinity ? null : this.capacity;
  }

  /** True once `shutdown()` was called (Python's `is_shutdown`). */
  get isShutdown(): boolean {
    return this.shut;
  }

  /** Introspection: greenlets blocked in `get()` or `peek()` (0 again once they time out or are killed). */
  get getterCount(): number {
    return (this.getters?.length ?? 0) + (this.peekers?.length ?? 0);
  }

  /** Introspection: greenlets blocked in `put()` (0 again once they time out or are killed). */
  get putterCount(): number {
    return this.putters?.length ?? 0;
  }

  /**
   * Number of items in the queue (a Channel always holds 0).
   *
   * @example
   * if (q.qsize() > 1000) console.warn('consumers are falling behind');
   */
  qsize(): number {
    return this.store.length;
  }

  /**
   * True when the queue holds no item.
   *
   * @example
   * while (!q.empty()) handle(q.getNowait());
   */
  empty(): boolean {
    return this.store.length === 0;
  }

  /**
   * True when a `put` now would have to wait (never for an unbounded queue, always for a Channel).
   *
   * @example
   * if (q.full()) metrics.backpressure++;
   */
  full(): boolean {
    return this.store.length >= this.capacity;
  }

  /**
   * Put an item; waits while the queue is full (a Channel: until a getter
   * takes it). Rejects with `Full` when `block` is false and the queue is
   * full, or when `timeout` seconds pass; with `ShutDown` after `shutdown()`.
   *
   * @example
   * await q.put(job);                              // waits for room
   * await q.put(job, { timeout: 1 });              // Full after 1 s
   */
  put(item: T, options?: QueueOptions): Promise<void> {
    const block = blockOf(options);
    this.store.check?.(item);
    if (this.shut) return Promise.reject(new ShutDown());
    if ((this.getters !== null && this.getters.length > 0) || this.store.length < this.capacity) {
      const e = takePending();
      if (e !== NONE) return Promise.reject(e);
      this.offer(item);
      return RESOLVED_VOID;
    }
    if (!block) return Promise.reject(new Full());
    const w = park<void>((this.putters ??= new WaitList()), this, 'Queue.put', options?.timeout, expireFull);
    if (!w.settled) {
      w.item = item;
      // A Channel's item is "there" while its putter waits: let peekers see it.
      if (this.peekers !== null && this.peekers.length > 0) this.peekers.wakeAll(item);
    }
    return w.promise;
  }

  /**
   * Put without waiting (synchronous): throws `Full` when there is no room
   * (a Channel: no getter waiting), `ShutDown` after `shutdown()`.
   *
   * @example
   * try { q.putNowait(event); } catch (e) { if (e instanceof Full) dropped++; else throw e; }
   */
  putNowait(item: T): void {
    this.store.check?.(item);
    if (this.shut) throw new ShutDown();
    if ((this.getters !== null && this.getters.length > 0) || this.store.length < this.capacity) this.offer(item);
    else throw new Full();
  }

  /**
   * Remove and return the next item; waits while the queue is empty. Rejects
   * with `Empty` when `block` is false and nothing is there, or when `timeout`
   * seconds pass; with `ShutDown` once the queue is shut down and empty.
   *
   * @example
   * const job = await q.get();
   * const maybe = await q.get({ timeout: 0.5 }).catch((e) => (e instanceof Empty ? null : Promise.reject(e)));
   */
  get(options?: QueueOptions): Promise<T> {
    const block = blockOf(options);
    if (this.store.length > 0 || (this.putters !== null && this.putters.length > 0)) {
      const e = takePending();
      if (e !== NONE) return Promise.reject(e);
      try {
        return Promise.resolve(this.take());
      } catch (error) {
        return Promise.reject(error); // a PriorityQueue compare that throws; the queue is unchanged
      }
    }
    if (this.shut) return Promise.reject(new ShutDown());
    if (!block) return Promise.reject(new Empty());
    return park<T>((this.getters ??= new WaitList()), this, 'Queue.get', options?.timeout, expireEmpty).promise;
  }

  /**
   * Remove and return the next item without waiting (synchronous): throws
   * `Empty` when there is none, `ShutDown` when shut down and empty.
   *
   * @example
   * const batch = [];
   * while (!q.empty()) batch.push(q.getNowait());
   */
  getNowait(): T {
    if (this.store.length > 0 || (this.putters !== null && this.putters.length > 0)) return this.take();
    throw this.shut ? new ShutDown() : new Empty();
  }

  /**
   * The next item without removing it (gevent's `peek`); waits while the
   * queue is empty. Rejects like `get` (`Empty`, `ShutDown`).
   *
   * @example
   * const next = await q.peek({ timeout: 1 });
   */
  peek(options?: QueueOptions): Promise<T> {
    const block = blockOf(options);
    if (this.store.length > 0 || (this.putters !== null && this.putters.length > 0)) {
      const e = takePending();
      if (e !== NONE) return Promise.reject(e);
      return Promise.resolve(this.first());
    }
    if (this.shut) return Promise.reject(new ShutDown());
    if (!block) return Promise.reject(new Empty());
    return park<T>((this.peekers ??= new WaitList()), this, 'Queue.peek', options?.timeout, expireEmpty).promise;
  }

  /**
   * The next item without removing it or waiting (synchronous): throws
   * `Empty` (or `ShutDown`) when there is none.
   *
   * @example
   * if (!q.empty() && q.peekNowait().urgent) preempt();
   */
  peekNowait(): T {
    if (this.store.length > 0 || (this.putters !== null && this.putters.length > 0)) return this.first();
    throw this.shut ? new ShutDown() : new Empty();
  }

  /**
   * Shut the queue down (Python 3.13): later `put`s throw `ShutDown`; `get`
   * throws `ShutDown` once the queue is empty; every blocked putter, getter
   * and peeker wakes with `ShutDown`. With `immediate`, the queue is drained
   * at once, the unfinished-task count drops by the items drained, and
   * `join()` waiters are released if it reaches zero.
   *
   * @example
   * q.shutdown();        // consumers finish what is queued, then stop
   * q.shutdown(true);    // drop everything now
   */
  shutdown(immediate: boolean = false): void {
    checkBoolean(immediate, 'immediate');
    this.shut = true;
    if (immediate) {
      this.unfinished = Math.max(0, this.unfinished - this.store.length);
      this.store.clear();
      if (this.unfinished === 0) this.joiners?.wakeAll(true);
    }
    failAll(this.getters);
    failAll(this.peekers);
    failAll(this.putters);
  }

  /**
   * `for await (const x of q)`: yields items as `get()` returns them and ends
   * cleanly once the queue is shut down and drained. Other errors (a kill, a
   * Timeout) propagate. Breaking out early leaves nothing behind.
   *
   * @example
   * for await (const job of q) await handle(job);
   */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return {
      next: () => this.get().then(asResult, endOnShutDown),
    };
  }

  /** Put an item now: hand it to the first getter, or store it. There is room. */
  private offer(item: T): void {
    const getters = this.getters;
    if (getters !== null && getters.length > 0) getters.shift()!.wake(item);
    else this.store.add(item); // a PriorityQueue's compare may throw here: nothing changed yet
    this.unfinished++;
    const peekers = this.peekers;
    if (peekers !== null && peekers.length > 0) peekers.wakeAll(item);
  }

  /** Take the next item (there is one): from the store, admitting the first blocked putter; or from a Channel's putter. */
  private take(): T {
    const putters = this.putters;
    if (this.store.length === 0) {
      const w = putters!.shift()!;
      const item = w.item as T;
      w.item = undefined;
      this.unfinished++;
      w.wake(undefined);
      return item;
    }
    const item = this.store.take();
    if (putters !== null) {
      for (let w = putters.shift(); w; w = putters.shift()) {
        const next = w.item as T;
        w.item = undefined;
        try {
          this.store.add(next);
        } catch (error) {
          w.fail(error); // its item cannot be ordered (PriorityQueue): that put fails, the next putter gets the slot
          continue;
        }
        this.unfinished++;
        w.wake(undefined);
        break;
      }
    }
    return item;
  }

  private first(): T {
    return this.store.length > 0 ? this.store.first() : (this.putters!.head!.item as T);
  }
}

function failAll(list: WaitList | null): void {
  if (list === null) return;
  for (let w = list.shift(); w; w = list.shift()) {
    w.item = undefined;
    w.fail(new ShutDown());
  }
}

function checkMaxsize(maxsize: unknown): number {
  if (maxsize === undefined || maxsize === null || maxsize === 0) return Infinity;
  checkInteger(maxsize, 'maxsize', 0);
  return maxsize;
}

/**
 * A FIFO queue, optionally bounded, that tracks unfinished tasks like
 * Python's `queue.Queue` (gevent ≥ 25.4 merged `JoinableQueue` into it):
 * every put counts a task, `taskDone()` marks one finished, `join()` waits
 * until none is left.
 *
 * @example
 * const q = new Queue<string>(100);         // at most 100 queued: put waits beyond
 * spawn(async () => { for await (const url of q) { await fetchIt(url); q.taskDone(); } });
 * for (const u of urls) await q.put(u);
 * await q.join();                            // every url handled
 * q.shutdown();
 */
export class Queue<T = unknown> extends QueueBase<T> {
  /**
   * @param maxsize - the most items it holds; absent, `null` or 0: unbounded.
   */
  constructor(maxsize?: number | null) {
    super(checkMaxsize(maxsize), new Ring<T>());
  }

  /** Items put and not yet marked done with `taskDone()`. */
  get unfinishedTasks(): number {
    return this.unfinished;
  }

  /**
   * Mark one task (an item got earlier) finished; wakes `join()` waiters when
   * none is left. Throws `InvalidState` (code `ERR_GREEN_INVALID_STATE`,
   * Python's message "task_done() called too many times", where Python raises
   * ValueError) when called more often than items were put.
   *
   * @example
   * const job = await q.get();
   * try { await run(job); } finally { q.taskDone(); }
   */
  taskDone(): void {
    if (this.unfinished <= 0) throw new InvalidState('task_done() called too many times');
    if (--this.unfinished === 0) this.joiners?.wakeAll(true);
  }

  /**
   * Wait until every item put has been marked done. Resolves true, or false
   * when `timeout` seconds pass first (gevent's `JoinableQueue.join`).
   *
   * @example
   * if (!(await q.join(30))) console.warn('workers are stuck');
   */
  join(timeout?: number | null): Promise<boolean> {
    checkSeconds(timeout, 'timeout');
    if (this.unfinished === 0) return RESOLVED_TRUE;
    return park<boolean>((this.joiners ??= new WaitList()), this, 'Queue.join', timeout, expireWith(false)).promise;
  }
}

/**
 * The old name of {@link Queue}: the same class (gevent ≥ 25.4).
 *
 * @example
 * const q = new JoinableQueue<number>();
 * q instanceof Queue; // true
 */
export const JoinableQueue = Queue;
/** The old name of {@link Queue}. */
export type JoinableQueue<T = unknown> = Queue<T>;

/**
 * A Queue that returns the most recently put item first (a stack).
 *
 * @example
 * const s = new LifoQueue<number>();
 * s.putNowait(1); s.putNowait(2);
 * s.getNowait(); // 2
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  /**
   * @param maxsize - the most items it holds; absent, `null` or 0: unbounded.
   */
  constructor(maxsize?: number | null) {
    super(maxsize);
    this.store = new Stack<T>();
  }
}

/**
 * A Queue that returns the smallest item first (a binary heap). The default
 * order compares numbers and strings with `<` and arrays element by element
 * like Python tuples, so `[priority, seq, payload]` entries work; anything
 * else needs a `compare`. Items that compare equal come out in no particular
 * order (as with Python's heapq): add a sequence number for FIFO ties. A
 * `put` whose item cannot be ordered throws the TypeError and changes nothing;
 * under the default order, a NaN (alone or in an array) is a RangeError.
 *
 * @example
 * const pq = new PriorityQueue<[number, string]>();
 * pq.putNowait([2, 'later']); pq.putNowait([1, 'first']);
 * pq.getNowait(); // [1, 'first']
 * const byDeadline = new PriorityQueue<Job>(0, (a, b) => a.deadline - b.deadline);
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  /**
   * @param maxsize - the most items it holds; absent, `null` or 0: unbounded.
   * @param compare - negative when `a` should come out before `b`.
   */
  constructor(maxsize?: number | null, compare?: Comparator<T>) {
    super(maxsize);
    if (compare !== undefined) checkFunction(compare, 'compare');
    this.store = compare ? new Heap<T>(compare) : new Heap<T>(naturalOrder, refuseNaN);
  }
}

/**
 * An unbounded FIFO queue without task tracking (Python's `queue.SimpleQueue`):
 * `put` never waits.
 *
 * @example
 * const events = new SimpleQueue<string>();
 * events.putNowait('ready');
 * console.log(await events.get());
 */
export class SimpleQueue<T = unknown> extends QueueBase<T> {
  constructor() {
    super(Infinity, new Ring<T>());
  }
}

/**
 * A rendezvous point with no buffer (gevent's Channel): `put` waits until a
 * getter takes the item, `get` waits for a putter. `qsize()` is always 0,
 * `empty()` and `full()` always true, `maxsize` 0; `peek` waits for a
 * blocked putter and returns its item without taking it.
 *
 * @example
 * const ch = new Channel<string>();
 * spawn(async () => { await ch.put('ping'); console.log('taken'); });
 * console.log(await ch.get()); // 'ping'; then the putter goes on
 */
export class Channel<T = unknown> extends QueueBase<T> {
  constructor() {
    super(0, new Ring<T>());
  }

  /** Blocked putters minus blocked getters (gevent's `balance`): positive when items wait for takers. */
  get balance(): number {
    return (this.putters?.length ?? 0) - (this.getters?.length ?? 0);
  }
}
