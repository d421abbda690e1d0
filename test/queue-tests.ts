/**
 * A shared queue suite, translated from the behaviours CPython's
 * Lib/test/test_queue.py checks (3.13, shutdown included): what every
 * `queue` implementation (green or native) must do for Queue, LifoQueue,
 * PriorityQueue and SimpleQueue.
 *
 * `queueTests(name, impl, spawnWorker)` registers node:test tests against
 * the module object `impl`. Concurrency comes from `spawnWorker(body,
 * args)`, which runs one of the bodies of test/fixtures/queue/workers.ts in
 * a new, started thread: the worker sees the test only through the queue
 * and the shared Int32Array passed in `args`, so the same test runs on both
 * sides. Python's `block=0` and `q.get(1, timeout=-1)` are kept: the shims
 * take Python truth values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidState } from '../runtime/errors.js';
import type * as workers from './fixtures/queue/workers.js';
import { until } from './helpers.js';

/** A worker body of test/fixtures/queue/workers.ts. */
export type QueueWorkerBody = keyof typeof workers;

/** Something a test can join. */
export interface Joinable {
  join(timeout?: number | null): Promise<void>;
}

/** Start a thread running `body(...args)`; resolves once it is started. */
export type SpawnQueueWorker = (body: QueueWorkerBody, args: unknown[]) => Promise<Joinable>;

/** What the suite uses of a queue. */
export interface QueueLike {
  maxsize: number;
  qsize(): number;
  empty(): boolean;
  full(): boolean;
  put(item: unknown, block?: unknown, timeout?: number | null): Promise<void>;
  put_nowait(item: unknown): void;
  get(block?: unknown, timeout?: number | null): Promise<unknown>;
  get_nowait(): unknown;
  task_done(): void;
  join(): Promise<void>;
  readonly unfinished_tasks: number;
  shutdown(immediate?: unknown): void;
  readonly is_shutdown: boolean;
  readonly _waiting_getters: number;
  readonly _waiting_putters: number;
}

/** What the suite uses of a SimpleQueue. */
export interface SimpleQueueLike {
  qsize(): number;
  empty(): boolean;
  put(item: unknown, block?: unknown, timeout?: number | null): Promise<void>;
  put_nowait(item: unknown): void;
  get(block?: unknown, timeout?: number | null): Promise<unknown>;
  get_nowait(): unknown;
  readonly _waiting_getters: number;
}

type Ctor<T> = new (maxsize?: number) => T;

/** What the suite needs from a `queue` module. */
export interface QueueImpl {
  Queue: Ctor<QueueLike>;
  LifoQueue: Ctor<QueueLike>;
  PriorityQueue: Ctor<QueueLike>;
  SimpleQueue: new () => SimpleQueueLike;
  Empty: new (...args: any[]) => Error;
  Full: new (...args: any[]) => Error;
  ShutDown: new (...args: any[]) => Error;
}

const QUEUE_SIZE = 5;
const shared = (n = 8): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n));
const DONE = 1;
const SHUT = 2;

/** Python's qfull(): bounded and at the bound. */
function qfull(q: QueueLike): boolean {
  return q.maxsize > 0 && q.qsize() === q.maxsize;
}

/**
 * Register the shared queue suite for one implementation.
 *
 * @example
 * queueTests('green', greenQueue, async (body, args) => { const t = new Thread({ target: workers[body], args }); await t.start(); return t; });
 */
export function queueTests(name: string, impl: QueueImpl, spawnWorker: SpawnQueueWorker): void {
  const it = (title: string, fn: () => Promise<void> | void): void => {
    test(`${name}: ${title}`, fn);
  };
  const joinAll = async (threads: Joinable[]): Promise<void> => {
    for (const t of threads) await t.join();
  };

  /**
   * Python's do_blocking_test: `block()` must not return before a trigger
   * thread, started first, has paused and then made the call that unblocks it.
   */
  const blocking = async <T>(q: QueueLike, block: () => Promise<T>, action: 'get' | 'put', item?: unknown): Promise<T> => {
    const out = shared();
    const t = await spawnWorker('trigger', [q, out, action, item]);
    const result = await block();
    assert.equal(Atomics.load(out, 0), 1, `the blocking ${action === 'get' ? 'put' : 'get'} returned before the trigger ran`);
    await t.join();
    return result;
  };

  const kinds: [string, Ctor<QueueLike>, number[]][] = [
    ['Queue', impl.Queue, [111, 333, 222]],
    ['LifoQueue', impl.LifoQueue, [222, 333, 111]],
    ['PriorityQueue', impl.PriorityQueue, [111, 222, 333]],
  ];

  for (const [kind, Q, order] of kinds) {
    const basic = async (q: QueueLike): Promise<void> => {
      assert.equal(q.qsize(), 0);
      assert.equal(q.empty(), true);
      assert.equal(q.full(), false);
      await q.put(111);
      await q.put(333);
      await q.put(222);
      assert.deepEqual([await q.get(), await q.get(), await q.get()], order, "didn't queue in the right order");
      for (let i = 0; i < QUEUE_SIZE - 1; i++) {
        await q.put(i);
        assert.ok(q.qsize() > 0, 'queue should not be empty');
      }
      assert.equal(qfull(q), false, 'queue should not be full');
      const last = 2 * QUEUE_SIZE;
      const full = 3 * 2 * QUEUE_SIZE;
      await q.put(last);
      assert.equal(qfull(q), true, 'queue should be full');
      assert.equal(q.empty(), false);
      assert.equal(q.full(), true);
      await assert.rejects(q.put(full, 0), impl.Full, "didn't appear to block with a full queue");
      await assert.rejects(q.put(full, true, 0.01), impl.Full, "didn't appear to time out with a full queue");
      await blocking(q, () => q.put(full), 'get');
      await blocking(q, () => q.put(full, true, 10), 'get');
      for (let i = 0; i < QUEUE_SIZE; i++) await q.get();
      assert.equal(q.qsize(), 0, 'queue should be empty');
      await assert.rejects(q.get(0), impl.Empty, "didn't appear to block with an empty queue");
      await assert.rejects(q.get(true, 0.01), impl.Empty, "didn't appear to time out with an empty queue");
      assert.equal(await blocking(q, () => q.get(), 'put', 'empty'), 'empty');
      assert.equal(await blocking(q, () => q.get(true, 10), 'put', 'empty'), 'empty');
    };

    it(`${kind}: basic order, bounds, non-blocking and blocking calls (twice on one queue)`, async () => {
      const q = new Q(QUEUE_SIZE);
      await basic(q);
      await basic(q);
    });

    it(`${kind}: task_done on a queue with no task throws`, () => {
      assert.throws(() => new Q().task_done(), (e: unknown) => e instanceof InvalidState && /called too many times/.test((e as Error).message));
    });

    it(`${kind}: join waits until worker threads marked every item done (twice)`, async () => {
      const q = new Q();
      for (let round = 0; round < 2; round++) {
        const out = shared();
        const threads = [await spawnWorker('sumUntilNegative', [q, out]), await spawnWorker('sumUntilNegative', [q, out])];
        for (let i = 0; i < 100; i++) await q.put(i);
        await q.join();
        assert.equal(Atomics.load(out, 0), 4950, 'join() did not wait until all tasks were done');
        await q.put(-1);
        await q.put(-1);
        await q.join(); // joining twice works
        await joinAll(threads);
        assert.equal(q.unfinished_tasks, 0);
      }
      assert.throws(() => q.task_done(), InvalidState);
    });

    it(`${kind}: a negative timeout is refused`, () => {
      const q = new Q(QUEUE_SIZE);
      assert.throws(() => q.put(1, true, -1), RangeError);
      assert.throws(() => q.get(1, -1), RangeError);
    });

    it(`${kind}: put_nowait and get_nowait`, () => {
      const q = new Q(QUEUE_SIZE);
      for (let i = 0; i < QUEUE_SIZE; i++) q.put_nowait(1);
      assert.throws(() => q.put_nowait(1), impl.Full);
      for (let i = 0; i < QUEUE_SIZE; i++) q.get_nowait();
      assert.throws(() => q.get_nowait(), impl.Empty);
    });

    it(`${kind}: a shrunk maxsize refuses puts`, async () => {
      const q = new Q(3);
      await q.put(1);
      await q.put(2);
      await q.put(3);
      assert.throws(() => q.put_nowait(4), impl.Full);
      assert.equal(q.qsize(), 3);
      q.maxsize = 2;
      assert.equal(q.maxsize, 2);
      assert.throws(() => q.put_nowait(4), impl.Full);
      q.maxsize = 0;
      q.put_nowait(4);
      assert.equal(q.qsize(), 4);
      assert.throws(() => { q.maxsize = 1.5; }, RangeError);
    });

    it(`${kind}: shutdown of an empty queue refuses put and get`, async () => {
      const q = new Q();
      assert.equal(q.is_shutdown, false);
      q.shutdown();
      assert.equal(q.is_shutdown, true);
      await assert.rejects(q.put('data'), impl.ShutDown);
      await assert.rejects(q.get(), impl.ShutDown);
      q.shutdown(true); // alive -> shutdown -> immediate are allowed transitions
      q.shutdown(false);
      assert.equal(q.is_shutdown, true);
    });

    it(`${kind}: after shutdown, queued items are still got, then ShutDown`, async () => {
      const q = new Q();
      await q.put('data');
      q.shutdown();
      assert.equal(await q.get(), 'data');
      await assert.rejects(q.get(), impl.ShutDown);
    });

    it(`${kind}: shutdown(immediate) drops the queued items`, async () => {
      const q = new Q();
      await q.put('data');
      q.shutdown(true);
      await assert.rejects(q.get(), impl.ShutDown);
      assert.equal(q.qsize(), 0);
    });

    for (const immediate of [false, true]) {
      it(`${kind}: every method after shutdown(${immediate}) in one thread`, async () => {
        const q = new Q(2);
        await q.put('L');
        q.put_nowait('O');
        q.shutdown(immediate);
        await assert.rejects(q.put('E'), impl.ShutDown);
        assert.throws(() => q.put_nowait('W'), impl.ShutDown);
        if (immediate) {
          await assert.rejects(q.get(), impl.ShutDown);
          assert.throws(() => q.get_nowait(), impl.ShutDown);
          assert.throws(() => q.task_done(), InvalidState);
          await q.join();
        } else {
          assert.ok(['L', 'O'].includes((await q.get()) as string));
          q.task_done();
          assert.ok(['L', 'O'].includes((await q.get()) as string));
          q.task_done();
          await q.join();
          await assert.rejects(q.get(), impl.ShutDown);
          assert.throws(() => q.get_nowait(), impl.ShutDown);
          await assert.rejects(q.get(true, 1), impl.ShutDown);
        }
      });

      it(`${kind}: shutdown(${immediate}) while threads put and get`, async () => {
        const q = new Q();
        const out = shared(16);
        const writers = [await spawnWorker('putUntilShutDown', [q, out, 0, 100_000]), await spawnWorker('putUntilShutDown', [q, out, 2, 100_000])];
        const readers = [await spawnWorker('getUntilShutDown', [q, out, 4]), await spawnWorker('getUntilShutDown', [q, out, 6])];
        await until(() => Atomics.load(out, 4) > 0 && Atomics.load(out, 6) > 0, 'both readers got an item');
        q.shutdown(immediate);
        if (immediate) assert.equal(q.qsize(), 0);
        await joinAll([...writers, ...readers]);
        assert.deepEqual([out[1], out[3], out[5], out[7]], [SHUT, SHUT, SHUT, SHUT], 'every thread saw ShutDown');
        assert.equal(q.empty(), true);
        if (!immediate) assert.equal(q.unfinished_tasks, 0, 'readers drained and marked every item before ShutDown');
      });

      it(`${kind}: shutdown(${immediate}) of a full queue: later gets take the items (or fail at once), puts fail`, async () => {
        const q = new Q(2);
        await q.put('Y');
        await q.put('D');
        q.shutdown(immediate);
        const out = shared(16);
        const getters = [0, 2, 4].map((slot) => spawnWorker('getOnce', [q, out, slot]));
        const putters = [6, 8].map((slot) => spawnWorker('putOnce', [q, out, slot, 'E']));
        await joinAll(await Promise.all([...getters, ...putters]));
        const got = [out[0], out[2], out[4]].map((code) => code === DONE);
        assert.deepEqual(got.filter(Boolean).length, immediate ? 0 : 2, 'two items to take unless dropped');
        assert.deepEqual([out[6], out[8]], [SHUT, SHUT]);
      });

      it(`${kind}: shutdown(${immediate}) releases join() once the tasks are done`, async () => {
        const q = new Q();
        await q.put('Y');
        const out = shared(16);
        const joiners = [await spawnWorker('joinOnce', [q, out, 0]), await spawnWorker('joinOnce', [q, out, 2])];
        q.shutdown(immediate);
        if (!immediate) await (await spawnWorker('getOnce', [q, out, 4, true])).join();
        await joinAll(joiners);
        assert.deepEqual([out[0], out[2]], [DONE, DONE]);
        assert.equal(q.unfinished_tasks, 0);
      });

      it(`${kind}: shutdown(${immediate}) with a put refused and a join pending`, async () => {
        const q = new Q(2);
        await q.put('Y');
        assert.equal(q.unfinished_tasks, 1);
        const out = shared(16);
        const joiner = await spawnWorker('joinOnce', [q, out, 0]);
        q.shutdown(immediate);
        await (await spawnWorker('putOnce', [q, out, 2, 'E'])).join();
        assert.equal(out[2], SHUT);
        if (immediate) {
          assert.throws(() => q.get_nowait(), impl.ShutDown);
        } else {
          assert.equal(await q.get(), 'Y');
          q.task_done();
        }
        await joiner.join();
        assert.equal(out[0], DONE);
      });
    }

    it(`${kind}: shutdown while items are got and marked done by threads; joins return`, async () => {
      const q = new Q(2);
      await q.put('Y');
      await q.put('D');
      assert.equal(q.unfinished_tasks, q.qsize());
      const out = shared(16);
      const threads = [
        await spawnWorker('getOnce', [q, out, 0, true]),
        await spawnWorker('getOnce', [q, out, 2, true]),
        await spawnWorker('joinOnce', [q, out, 4]),
        await spawnWorker('joinOnce', [q, out, 6]),
      ];
      q.shutdown(false);
      await joinAll(threads);
      assert.deepEqual([out[0], out[2], out[4], out[6]], [DONE, DONE, DONE, DONE]);
    });

    it(`${kind}: a blocked get wakes with ShutDown`, async () => {
      const q = new Q();
      const out = shared();
      const t = await spawnWorker('getOnce', [q, out, 0]);
      await until(() => q._waiting_getters === 1, 'a blocked getter');
      q.shutdown(false);
      await t.join();
      assert.equal(out[0], SHUT);
      assert.equal(q._waiting_getters, 0);
    });

    it(`${kind}: blocked puts wake with ShutDown, their items never queued`, async () => {
      const q = new Q(1);
      await q.put(1);
      const out = shared();
      const a = await spawnWorker('putOnce', [q, out, 0, 2]);
      await until(() => q._waiting_putters === 1, 'a blocked putter');
      const pending = assert.rejects(q.put(3), impl.ShutDown);
      q.shutdown(true);
      await a.join();
      await pending;
      assert.equal(out[0], SHUT);
      assert.deepEqual([q.qsize(), q._waiting_putters, q.unfinished_tasks], [0, 0, 0]);
    });

    it(`${kind}: blocked getters are served in arrival order`, async () => {
      const q = new Q();
      const got: unknown[] = [];
      const waits = [0, 1, 2].map((i) => q.get().then((item) => got.push([i, item])));
      assert.equal(q._waiting_getters, 3);
      await q.put(7);
      await q.put(8);
      await q.put(9);
      await Promise.all(waits);
      assert.deepEqual(got, [[0, 7], [1, 8], [2, 9]]);
    });

    it(`${kind}: blocked putters are admitted in arrival order`, async () => {
      const q = new Q(1);
      await q.put(5);
      const puts = [4, 3, 2].map((item) => q.put(item));
      assert.equal(q._waiting_putters, 3);
      const got: unknown[] = [];
      for (let i = 0; i < 4; i++) got.push(await q.get());
      await Promise.all(puts);
      assert.deepEqual(got, [5, 4, 3, 2], 'each get admits the oldest waiting put');
      assert.equal(q.unfinished_tasks, 4);
    });

    it(`${kind}: a timed-out get or put leaves no waiter behind`, async () => {
      const q = new Q(1);
      await assert.rejects(q.get(true, 0.01), impl.Empty);
      assert.equal(q._waiting_getters, 0);
      await q.put('x');
      await assert.rejects(q.put('y', true, 0.01), impl.Full);
      assert.equal(q._waiting_putters, 0);
      assert.deepEqual([q.qsize(), q.unfinished_tasks, q.get_nowait()], [1, 1, 'x']);
    });

    it(`${kind}: Python truth values for block and immediate; bad arguments fail fast`, async () => {
      const q = new Q(1);
      await q.put('a', 1);
      await assert.rejects(q.put('b', 0), impl.Full);
      await assert.rejects(q.put('b', ''), impl.Full);
      await assert.rejects(q.put('b', null), impl.Full);
      assert.equal(await q.get('yes', null), 'a');
      await assert.rejects(q.get(0n), impl.Empty);
      assert.throws(() => q.get({ timeout: 1 }), /positional arguments/);
      assert.throws(() => q.put('c', true, '1' as never), TypeError);
      assert.throws(() => q.shutdown({}), TypeError);
      assert.throws(() => new Q('3' as never), TypeError);
      assert.throws(() => new Q(1.5), RangeError);
      assert.equal(new Q(-1).maxsize, -1, 'maxsize <= 0 is unbounded, as in Python');
      const unbounded = new Q(-1);
      for (let i = 0; i < 20; i++) unbounded.put_nowait(i);
      assert.equal(unbounded.full(), false);
      q.shutdown(1);
      assert.equal(q.is_shutdown, true);
    });
  }

  // PriorityQueue: Python's order and its TypeError (the failing-queue tests' translation: a failing put changes nothing).

  it('PriorityQueue: tuples order element by element; strings and numbers by <', async () => {
    const q = new impl.PriorityQueue();
    for (const item of [[2, 'b'], [1, 'z'], [2, 'a'], [1, 'y', 0], [1, 'y']]) await q.put(item);
    const got = [];
    while (!q.empty()) got.push(q.get_nowait());
    assert.deepEqual(got, [[1, 'y'], [1, 'y', 0], [1, 'z'], [2, 'a'], [2, 'b']]);
    const words = new impl.PriorityQueue();
    for (const w of ['pear', 'apple', 'fig']) words.put_nowait(w);
    assert.deepEqual([words.get_nowait(), words.get_nowait(), words.get_nowait()], ['apple', 'fig', 'pear']);
  });

  it('PriorityQueue: an item that cannot be ordered fails its put and leaves the queue undamaged', async () => {
    const q = new impl.PriorityQueue(QUEUE_SIZE);
    for (let i = 0; i < QUEUE_SIZE - 1; i++) await q.put(i);
    assert.throws(() => q.put_nowait('oops'), TypeError);
    assert.throws(() => q.put('oops', 0), TypeError);
    assert.throws(() => q.put({ priority: 1 }), TypeError);
    assert.deepEqual([q.qsize(), q.unfinished_tasks], [QUEUE_SIZE - 1, QUEUE_SIZE - 1]);
    await q.put(-1);
    assert.equal(qfull(q), true);
    const got = [];
    while (!q.empty()) got.push(q.get_nowait());
    assert.deepEqual(got, [-1, 0, 1, 2, 3]);
  });

  it('PriorityQueue: a blocked put whose item cannot be ordered with the queued ones when admitted fails', async () => {
    const q = new impl.PriorityQueue(3);
    for (const item of [[0], [1, 'a'], [2]]) await q.put(item);
    const refused = assert.rejects(q.put([1, 5]), TypeError); // orders before [0]; not against [1, 'a']
    const admitted = q.put([3]);
    assert.equal(q._waiting_putters, 2);
    assert.deepEqual(await q.get(), [0]); // admits the first putter: refused, so the next one gets the room
    await refused;
    await admitted;
    assert.deepEqual([q.qsize(), q.unfinished_tasks, q._waiting_putters], [3, 4, 0]); // the get is not marked done
    assert.deepEqual([q.get_nowait(), q.get_nowait(), q.get_nowait()], [[1, 'a'], [2], [3]]);
  });

  // SimpleQueue

  it('SimpleQueue: put, get and their non-blocking and timed forms', async () => {
    const q = new impl.SimpleQueue();
    assert.equal(q.empty(), true);
    assert.equal(q.qsize(), 0);
    await q.put(1);
    assert.equal(q.empty(), false);
    assert.equal(q.qsize(), 1);
    await q.put(2);
    q.put_nowait(3);
    await q.put(4, false, 5); // block and timeout are accepted, a put never waits
    assert.equal(q.qsize(), 4);
    assert.equal(await q.get(), 1);
    assert.equal(q.get_nowait(), 2);
    assert.equal(await q.get(false), 3);
    assert.equal(await q.get(true, 0.1), 4);
    assert.equal(q.empty(), true);
    await assert.rejects(q.get(false), impl.Empty);
    await assert.rejects(q.get(true, 1e-3), impl.Empty);
    assert.throws(() => q.get_nowait(), impl.Empty);
    assert.equal(q._waiting_getters, 0);
  });

  it('SimpleQueue: a negative timeout is refused', async () => {
    const q = new impl.SimpleQueue();
    await q.put(1);
    assert.throws(() => q.get(true, -1), RangeError);
    assert.throws(() => q.put(1, true, -1), RangeError);
  });

  it('SimpleQueue: one producer and one consumer thread keep the order', async () => {
    const q = new impl.SimpleQueue();
    const out = shared(128);
    const consumer = await spawnWorker('consume', [q, out, -1, 'block']);
    const producer = await spawnWorker('feed', [q, 0, 100, -1]);
    await joinAll([producer, consumer]);
    assert.equal(out[0], 100);
    assert.deepEqual([...out.subarray(1, 101)], Array.from({ length: 100 }, (_, i) => i));
    assert.equal(q.empty(), true);
  });

  for (const mode of ['block', 'nonblock', 'timeout'] as const) {
    it(`SimpleQueue: several producers and consumers (${mode} gets) lose and duplicate nothing`, async () => {
      const q = new impl.SimpleQueue();
      const n = 600;
      const out = shared(n + 1);
      const threads: Joinable[] = [];
      for (let i = 0; i < 3; i++) threads.push(await spawnWorker('consume', [q, out, -1, mode]));
      for (let i = 0; i < 3; i++) threads.push(await spawnWorker('feed', [q, (i * n) / 3, ((i + 1) * n) / 3, -1]));
      await joinAll(threads);
      assert.equal(out[0], n);
      assert.deepEqual([...out.subarray(1)].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
      assert.equal(q.qsize(), 0);
    });
  }

  it('SimpleQueue: a blocked get is woken by a put from another thread', async () => {
    const q = new impl.SimpleQueue();
    const out = shared();
    const t = await spawnWorker('getOnce', [q, out, 0]);
    await until(() => q._waiting_getters === 1, 'a blocked getter');
    q.put_nowait(42);
    await t.join();
    assert.deepEqual([out[0], out[1]], [DONE, 42]);
  });

  it('Empty, Full and ShutDown are errors with stable names and codes', () => {
    for (const [E, code] of [[impl.Empty, 'ERR_GREEN_QUEUE_EMPTY'], [impl.Full, 'ERR_GREEN_QUEUE_FULL'], [impl.ShutDown, 'ERR_GREEN_QUEUE_SHUTDOWN']] as const) {
      const e = new E();
      assert.ok(e instanceof Error);
      assert.equal(e.name, E.name);
      assert.equal((e as Error & { code: string }).code, code);
    }
  });
}
