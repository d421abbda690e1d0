/**
 * The shared queue suite (queue-tests.ts) against the native queue shim:
 * workers are worker threads running a body of fixtures/queue/workers.js
 * as a module target, with the shared-memory queue in `args`; then the
 * native-only behaviours: items are copies, what cannot cross threads is
 * refused, every kind revives as itself in a thread, producer/consumer
 * and FIFO wake order across threads, the waiter limit, and a blocked get
 * keeping a process alive.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as green from '../shims/green/queue.js';
import * as queue from '../shims/native/queue.js';
import { Event, Lock, Thread, ThreadError } from '../shims/native/threading.js';
import { until } from './helpers.js';
import { queueTests } from './queue-tests.js';

const WORKERS = new URL('./fixtures/queue/workers.js', import.meta.url);
const shared = (n = 8): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n));

queueTests('native', queue, async (body, args) => {
  const thread = new Thread({ target: { module: WORKERS, export: body }, args });
  await thread.start();
  return thread;
});

async function run(threads: Thread[]): Promise<void> {
  await Promise.all(threads.map((t) => t.start()));
  await Promise.all(threads.map((t) => t.join()));
}

test('native queue: Empty, Full and ShutDown are the green queue\'s classes', () => {
  assert.equal(queue.Empty, green.Empty);
  assert.equal(queue.Full, green.Full);
  assert.equal(queue.ShutDown, green.ShutDown);
});

test('native queue: items are structured-cloned copies, numbers and strings round-trip exactly', async () => {
  const q = new queue.Queue();
  const item = { n: 1, when: new Date(0), tags: new Set(['a']), nested: [1, [2, { deep: 'é✓' }]], big: 2n ** 70n };
  await q.put(item);
  item.n = 2;
  const copy = (await q.get()) as typeof item;
  assert.notEqual(copy, item);
  assert.deepEqual(copy, { ...item, n: 1 });
  for (const value of [0, -0, NaN, Infinity, 1.5, '', 'text ✓', true, false, null, undefined, 2n]) q.put_nowait(value);
  for (const value of [0, -0, NaN, Infinity, 1.5, '', 'text ✓', true, false, null, undefined, 2n]) assert.equal(Object.is(q.get_nowait(), value), true);
});

test('native queue: what cannot cross threads is refused at once, and nothing is queued', () => {
  const q = new queue.Queue();
  assert.throws(() => q.put_nowait(() => 1), /^TypeError: item is a function \(anonymous\) that a native thread cannot reach/);
  assert.throws(() => q.put_nowait([1, { f() {} }]), /^TypeError: item\[1\]\.f is a function \(f\) that a native thread cannot reach/);
  assert.throws(() => q.put_nowait(Symbol('s')), /structured-cloneable/);
  assert.throws(() => q.put_nowait({ lock: new Lock() }), /^TypeError: item\.lock: a queue item cannot carry a native Lock/);
  assert.throws(() => q.put([new queue.Queue()]), /cannot carry a native Queue/);
  assert.throws(() => q.put_nowait(new SharedArrayBuffer(8)), TypeError);
  assert.equal(q.qsize(), 0);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  q.put_nowait(cyclic);
  const back = q.get_nowait() as Record<string, unknown>;
  assert.equal(back.self, back);
});

test('native queue: many and large items grow and compact shared memory, in every order', () => {
  for (const Q of [queue.Queue, queue.LifoQueue, queue.PriorityQueue]) {
    const q = new Q();
    const sizes = Array.from({ length: 300 }, (_, i) => (i * 7919) % 3000);
    for (let round = 0; round < 3; round++) {
      for (const n of sizes) q.put_nowait('x'.repeat(n));
      const got: number[] = [];
      for (let i = 0; i < sizes.length / 2; i++) got.push((q.get_nowait() as string).length);
      for (const n of sizes) q.put_nowait('y'.repeat(n));
      while (!q.empty()) got.push((q.get_nowait() as string).length);
      assert.equal(got.length, 2 * sizes.length);
      if (Q === queue.Queue) assert.deepEqual(got.slice(0, 10), sizes.slice(0, 10));
      if (Q === queue.PriorityQueue) assert.deepEqual(got.slice(0, 150), [...got.slice(0, 150)].sort((a, b) => a - b));
    }
    assert.equal(q.unfinished_tasks, 1800);
  }
});

test('native queue: every kind passed in args is the same queue, of the same class, in the thread', async () => {
  const out = shared();
  const kinds = { fifo: new queue.Queue(3), lifo: new queue.LifoQueue(), prio: new queue.PriorityQueue(), simple: new queue.SimpleQueue() };
  const t = new Thread({
    target: async (k: typeof kinds, o: Int32Array) => {
      const q = queue as unknown as typeof import('../shims/native/queue.js');
      o[0] = Number(k.fifo instanceof q.Queue) + Number(k.lifo instanceof q.LifoQueue) + Number(k.prio instanceof q.PriorityQueue) + Number(k.simple instanceof q.SimpleQueue);
      o[1] = k.fifo.maxsize;
      for (const item of [2, 3, 1]) {
        await k.lifo.put(item);
        await k.prio.put(item);
      }
      k.simple.put_nowait('from the thread');
    },
    args: [kinds, out],
  });
  await run([t]);
  assert.deepEqual([out[0], out[1]], [4, 3]);
  assert.deepEqual([kinds.lifo.get_nowait(), kinds.lifo.get_nowait(), kinds.lifo.get_nowait()], [1, 3, 2]);
  assert.deepEqual([kinds.prio.get_nowait(), kinds.prio.get_nowait(), kinds.prio.get_nowait()], [1, 2, 3]);
  assert.equal(await kinds.simple.get(), 'from the thread');
});

test('native queue: a producer thread and a consumer thread, with back-pressure', async () => {
  const q = new queue.Queue(4);
  const done = new queue.Queue();
  const producer = new Thread({
    target: async (jobs: queue.Queue<number>, n: number) => {
      for (let i = 0; i < n; i++) await jobs.put(i);
      await jobs.put(-1);
    },
    args: [q, 2000],
  });
  const consumer = new Thread({
    target: async (jobs: queue.Queue<number>, results: queue.Queue<number[]>) => {
      let sum = 0;
      let inOrder = true;
      let last = -1;
      let peak = 0;
      for (let x = await jobs.get(); x >= 0; x = await jobs.get()) {
        inOrder &&= x === last + 1;
        last = x;
        sum += x;
        peak = Math.max(peak, jobs.qsize());
        jobs.task_done();
      }
      jobs.task_done();
      await results.put([sum, Number(inOrder), peak]);
    },
    args: [q, done],
  });
  await run([consumer, producer]);
  const [sum, inOrder, peak] = (await done.get()) as number[];
  assert.deepEqual([sum, inOrder], [(2000 * 1999) / 2, 1]);
  assert.ok(peak! <= 4, `never more than maxsize queued (saw ${peak})`);
  assert.equal(q.unfinished_tasks, 0);
});

test('native queue: blocked getters in different threads are served in arrival order', async () => {
  const q = new queue.Queue();
  const out = shared(16);
  const threads: Thread[] = [];
  for (let i = 0; i < 3; i++) {
    const t = new Thread({ target: { module: WORKERS, export: 'getOnce' }, args: [q, out, 2 * i] });
    await t.start();
    await until(() => q._waiting_getters === i + 1, `getter ${i} blocked`);
    threads.push(t);
  }
  for (const item of [10, 11, 12]) await q.put(item);
  for (const t of threads) await t.join();
  assert.deepEqual([out[1], out[3], out[5]], [10, 11, 12]);
});

test('native queue: blocked putters in different threads are admitted in arrival order', async () => {
  const q = new queue.Queue(1);
  await q.put(0);
  const out = shared(16);
  const threads: Thread[] = [];
  for (let i = 1; i <= 3; i++) {
    const t = new Thread({ target: { module: WORKERS, export: 'putOnce' }, args: [q, out, 2 * i, i] });
    await t.start();
    await until(() => q._waiting_putters === i, `putter ${i} blocked`);
    threads.push(t);
  }
  const got = [];
  for (let i = 0; i < 4; i++) got.push(await q.get());
  for (const t of threads) await t.join();
  assert.deepEqual(got, [0, 1, 2, 3]);
});

test('native queue: a thread pool collects results through queues', async () => {
  const jobs = new queue.Queue(8);
  const results = new queue.Queue();
  const stop = new Event();
  const pool = [1, 2, 3].map(() => new Thread({
    target: async (j: queue.Queue<number>, r: queue.Queue<number[]>, halt: Event) => {
      while (!halt.is_set()) {
        let x: number;
        try {
          x = await j.get(true, 0.05);
        } catch (error) {
          if ((error as Error).name === 'Empty') continue;
          throw error;
        }
        await r.put([x, x * x]);
        j.task_done();
      }
    },
    args: [jobs, results, stop],
  }));
  await Promise.all(pool.map((t) => t.start()));
  for (let i = 0; i < 60; i++) await jobs.put(i);
  await jobs.join();
  stop.set();
  for (const t of pool) await t.join();
  const squares = new Map<number, number>();
  while (!results.empty()) {
    const [x, y] = results.get_nowait() as number[];
    squares.set(x!, y!);
  }
  assert.equal(squares.size, 60);
  for (const [x, y] of squares) assert.equal(y, x * x);
});

test('native queue: at most MAX_WAITERS callers wait at once; shutdown releases them all', async () => {
  const q = new queue.Queue();
  const waits = Array.from({ length: queue.MAX_WAITERS }, () => q.get().catch((e: unknown) => e));
  try {
    await assert.rejects(q.get(), (e: unknown) => e instanceof ThreadError && /max 1024/.test((e as Error).message));
  } finally {
    q.shutdown();
  }
  const outcomes = await Promise.all(waits);
  assert.ok(outcomes.every((e) => e instanceof queue.ShutDown));
  assert.equal(q._waiting_getters, 0);
  const again = new queue.Queue();
  again.put_nowait('slots are reusable');
  assert.equal(await again.get(), 'slots are reusable');
});

test('native queue: maxsize beyond one Int32 cell is refused', () => {
  assert.throws(() => new queue.Queue(2 ** 31), /at most 2147483647/);
  assert.equal(new queue.Queue(-(2 ** 40)).maxsize, -1);
});

test('native queue: a blocked get keeps the process alive until a daemon thread puts (end to end)', () => {
  const dir = new URL('../shims/native/', import.meta.url);
  const script = `
    const { Queue, SimpleQueue, Empty } = await import(${JSON.stringify(new URL('queue.js', dir).href)});
    const { Thread } = await import(${JSON.stringify(new URL('threading.js', dir).href)});
    const q = new Queue();
    const t = new Thread({ target: async (q) => { await new Promise((r) => setTimeout(r, 200)); await q.put('late'); }, args: [q], daemon: true });
    await t.start();
    console.log(await q.get());
    try { await new SimpleQueue().get(true, 0.1); } catch (e) { console.log(e instanceof Empty ? 'Empty' : e); }
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(child.stdout.trim().split('\n'), ['late', 'Empty']);
});
