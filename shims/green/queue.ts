/**
 * Python's `queue` for green threads: `Queue`, `LifoQueue`, `PriorityQueue`
 * and `SimpleQueue` with Python's names and arguments (`put(item, block,
 * timeout)`, `get_nowait()`, `task_done()`, `shutdown(immediate)` …) over
 * the runtime's queues, so a blocked `put` or `get` lets every other
 * greenlet run, waiters are served in arrival order, and a killed waiter
 * leaves no trace. Items are the objects themselves (no copy).
 *
 * Every call that can wait returns a Promise; `put_nowait`, `get_nowait`,
 * `task_done` and `shutdown` are synchronous. `Empty`, `Full` and `ShutDown`
 * are the runtime's classes, the same ones the native queue throws, so they
 * are not in `__implements__`.
 *
 * @example
 * import { Queue } from 'green-loader/green/queue';
 * const q = new Queue(10);
 * await q.put('job');
 * const job = await q.get(); // 'job'
 * q.task_done();
 * await q.join();
 *
 * @module
 */
import { Empty, Full, ShutDown } from '../../runtime/errors.js';
import {
  LifoQueue as RuntimeLifoQueue,
  PriorityQueue as RuntimePriorityQueue,
  Queue as RuntimeQueue,
  SimpleQueue as RuntimeSimpleQueue,
} from '../../runtime/queue.js';
import { blockArgs, checkMaxsize, truthValue } from '../shared/queue-args.js';

export { Empty, Full, ShutDown };

/**
 * The facade this module patches.
 *
 * @example
 * patchModule(__target__, greenQueue);
 */
export const __target__ = 'queue';

/**
 * The names of `queue` this module replaces.
 *
 * @example
 * __implements__; // ['Queue', 'LifoQueue', 'PriorityQueue', 'SimpleQueue']
 */
export const __implements__: string[] = ['Queue', 'LifoQueue', 'PriorityQueue', 'SimpleQueue'];

/** The runtime queue classes, made resizable so that Python's `q.maxsize = n` works. */
function resizable<B extends new (...args: any[]) => RuntimeQueue<any>>(Base: B) {
  return class extends Base {
    resize(maxsize: number): void {
      this.capacity = maxsize > 0 ? maxsize : Infinity;
    }
  };
}
const Fifo = resizable(RuntimeQueue);
const Lifo = resizable(RuntimeLifoQueue);
const Heap = resizable(RuntimePriorityQueue);
type Store<T> = RuntimeQueue<T> & { resize(maxsize: number): void };

/**
 * Python's `queue.Queue`: a FIFO queue, bounded when `maxsize > 0`, that
 * counts unfinished tasks (`task_done`, `join`).
 *
 * @example
 * const q = new Queue(100);
 * await q.put(1);
 * await q.get(); // 1
 */
export class Queue<T = unknown> {
  #q: Store<T>;
  #maxsize: number;

  /**
   * @param maxsize the most items it holds; `<= 0` (the default): unbounded.
   *
   * @example
   * const unbounded = new Queue();
   */
  constructor(maxsize: number = 0) {
    this.#maxsize = checkMaxsize(maxsize);
    this.#q = this._store();
    this.#q.resize(this.#maxsize);
  }

  /** @internal The runtime queue behind this kind (FIFO here). */
  protected _store(): Store<T> {
    return new Fifo<T>();
  }

  /**
   * The bound (`<= 0`: unbounded). Assigning it changes the bound for later
   * puts, like Python's attribute (nothing blocked is woken by it).
   *
   * @example
   * q.maxsize = 2;
   */
  get maxsize(): number {
    return this.#maxsize;
  }

  set maxsize(value: number) {
    this.#maxsize = checkMaxsize(value);
    this.#q.resize(this.#maxsize);
  }

  /**
   * Number of items queued.
   *
   * @example
   * if (q.qsize() > 1000) console.warn('consumers are behind');
   */
  qsize(): number {
    return this.#q.qsize();
  }

  /**
   * True when no item is queued.
   *
   * @example
   * while (!q.empty()) q.get_nowait();
   */
  empty(): boolean {
    return this.#q.empty();
  }

  /**
   * True when `maxsize > 0` and that many items are queued.
   *
   * @example
   * if (q.full()) dropped++;
   */
  full(): boolean {
    return this.#q.full();
  }

  /**
   * Put `item`, waiting for room while the queue is full. Rejects with
   * `Full` when `block` is false and there is no room, or when `timeout`
   * seconds pass; with `ShutDown` once the queue is shut down.
   *
   * @example
   * await q.put(job);
   * await q.put(job, true, 0.5); // Full after half a second
   */
  put(item: T, block: unknown = true, timeout: number | null = null): Promise<void> {
    return this.#q.put(item, { block: blockArgs(block, timeout), timeout });
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
    return this.#q.get({ block: blockArgs(block, timeout), timeout });
  }

  /**
   * Remove and return the next item without waiting (synchronous): throws
   * `Empty`, or `ShutDown` once shut down and empty.
   *
   * @example
   * const job = q.get_nowait();
   */
  get_nowait(): T {
    return this.#q.getNowait();
  }

  /**
   * Mark one task (an item got earlier) finished; `join()` returns once
   * every put item is. Throws `InvalidState` "task_done() called too many
   * times" (Python: ValueError) when called more often than items were put.
   *
   * @example
   * const job = await q.get();
   * try { await run(job); } finally { q.task_done(); }
   */
  task_done(): void {
    this.#q.taskDone();
  }

  /**
   * Wait until every item put has been marked done with `task_done()`.
   *
   * @example
   * await q.join();
   */
  join(): Promise<void> {
    return this.#q.join().then(ignore);
  }

  /**
   * Items put and not yet marked done.
   *
   * @example
   * q.unfinished_tasks; // 0 once every task is done
   */
  get unfinished_tasks(): number {
    return this.#q.unfinishedTasks;
  }

  /**
   * Shut the queue down (Python 3.13): `put` then throws `ShutDown`, `get`
   * too once the queue is empty, and every blocked caller wakes with
   * `ShutDown`. With `immediate` (a Python truth value) the queued items are
   * dropped at once, each counting as a finished task.
   *
   * @example
   * q.shutdown();     // consumers drain what is queued, then stop
   * q.shutdown(true); // drop everything now
   */
  shutdown(immediate: unknown = false): void {
    this.#q.shutdown(truthValue(immediate, 'immediate', false));
  }

  /**
   * True once `shutdown()` was called.
   *
   * @example
   * if (q.is_shutdown) return;
   */
  get is_shutdown(): boolean {
    return this.#q.isShutdown;
  }

  /**
   * Introspection (not in Python): callers blocked in `get()` right now.
   *
   * @example
   * q._waiting_getters; // 2 while two consumers wait
   */
  get _waiting_getters(): number {
    return this.#q.getterCount;
  }

  /**
   * Introspection (not in Python): callers blocked in `put()` right now.
   *
   * @example
   * q._waiting_putters; // 1 while one producer waits for room
   */
  get _waiting_putters(): number {
    return this.#q.putterCount;
  }
}

function ignore(): void {}

/**
 * Python's `queue.LifoQueue`: the most recently put item comes out first.
 *
 * @example
 * const s = new LifoQueue();
 * s.put_nowait(1); s.put_nowait(2);
 * s.get_nowait(); // 2
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override _store(): Store<T> {
    return new Lifo<T>();
  }
}

/**
 * Python's `queue.PriorityQueue`: the smallest item comes out first, in
 * Python's order — numbers and strings by `<`, arrays element by element
 * like tuples, so `[priority, seq, payload]` entries work. A `put` whose
 * item cannot be ordered with the queued ones throws a TypeError (at once)
 * and changes nothing.
 *
 * @example
 * const pq = new PriorityQueue();
 * pq.put_nowait([2, 'later']); pq.put_nowait([1, 'first']);
 * pq.get_nowait(); // [1, 'first']
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  protected override _store(): Store<T> {
    return new Heap<T>();
  }
}

/**
 * Python's `queue.SimpleQueue`: an unbounded FIFO queue without task
 * tracking, `maxsize` or shutdown; `put` never waits (`block` and `timeout`
 * are accepted and ignored, as in Python).
 *
 * @example
 * const events = new SimpleQueue();
 * events.put('ready');
 * await events.get(); // 'ready'
 */
export class SimpleQueue<T = unknown> {
  #q = new RuntimeSimpleQueue<T>();

  /**
   * Put `item` (never waits; `block` and `timeout` are checked, then ignored).
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
   * Put `item` (synchronous).
   *
   * @example
   * events.put_nowait('tick');
   */
  put_nowait(item: T): void {
    this.#q.putNowait(item);
  }

  /**
   * Remove and return the next item, waiting while empty; rejects with
   * `Empty` when `block` is false and nothing is queued, or after `timeout`
   * seconds.
   *
   * @example
   * const e = await events.get(true, 5);
   */
  get(block: unknown = true, timeout: number | null = null): Promise<T> {
    return this.#q.get({ block: blockArgs(block, timeout), timeout });
  }

  /**
   * Remove and return the next item without waiting: throws `Empty`.
   *
   * @example
   * const e = events.get_nowait();
   */
  get_nowait(): T {
    return this.#q.getNowait();
  }

  /**
   * True when no item is queued.
   *
   * @example
   * events.empty();
   */
  empty(): boolean {
    return this.#q.empty();
  }

  /**
   * Number of items queued.
   *
   * @example
   * events.qsize();
   */
  qsize(): number {
    return this.#q.qsize();
  }

  /**
   * Introspection (not in Python): callers blocked in `get()` right now.
   *
   * @example
   * events._waiting_getters;
   */
  get _waiting_getters(): number {
    return this.#q.getterCount;
  }
}
