/**
 * Queue family: order (FIFO, LIFO, priority), handoff to waiting getters,
 * back-pressure of bounded queues, timeouts and kills that leave no waiter
 * behind, arrival-order fairness, Channel rendezvous, task tracking,
 * Python 3.13 shutdown, async iteration and argument checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Channel, JoinableQueue, LifoQueue, PriorityQueue, Queue, QueueBase, SimpleQueue } from '../runtime/queue.js';
import { Empty, Full, GreenletExit, InvalidState, ShutDown } from '../runtime/errors.js';
import { Greenlet, spawn } from '../runtime/greenlet.js';
import { sleep } from '../runtime/sleep.js';
import * as runtime from '../runtime/index.js';
import { settle as settleFor } from './helpers.js';

/** Let every ready greenlet run until it blocks (queue handoffs take a few more hub turns). */
const settle = (): Promise<void> => settleFor(10);

/** Spawn a greenlet that returns what `fn` resolves to, or the error it throws. */
function attempt<T>(fn: () => Promise<T>): Greenlet<T | unknown> {
  return spawn(async () => {
    try {
      return await fn();
    } catch (error) {
      return error;
    }
  });
}

test('index exports the queue family; JoinableQueue is Queue', () => {
  assert.equal(runtime.Queue, Queue);
  assert.equal(runtime.JoinableQueue, Queue);
  assert.equal(JoinableQueue, Queue);
  for (const name of ['LifoQueue', 'PriorityQueue', 'SimpleQueue', 'Channel', 'QueueBase'] as const) assert.equal(typeof runtime[name], 'function');
  const q: JoinableQueue<number> = new JoinableQueue<number>();
  assert.ok(q instanceof Queue && q instanceof QueueBase);
});

test('Queue: FIFO happy path, sizes and flags', async () => {
  const q = new Queue<number>();
  assert.equal(q.maxsize, null);
  assert.equal(new Queue(0).maxsize, null);
  assert.equal(new Queue(null).maxsize, null);
  assert.equal(q.empty(), true);
  assert.equal(q.full(), false);
  await q.put(1);
  q.putNowait(2);
  await q.put(3, { block: false });
  await q.put(4, { timeout: 1 });
  assert.equal(q.qsize(), 4);
  assert.equal(q.empty(), false);
  assert.equal(q.full(), false);
  assert.equal(await q.get(), 1);
  assert.equal(q.getNowait(), 2);
  assert.equal(await q.get({ block: false }), 3);
  assert.equal(await q.get({ timeout: 1 }), 4);
  assert.equal(q.empty(), true);

  const b = new Queue<string>(2);
  assert.equal(b.maxsize, 2);
  b.putNowait('a');
  b.putNowait('b');
  assert.equal(b.full(), true);
  assert.throws(() => b.putNowait('c'), Full);
  await assert.rejects(b.put('c', { block: false }), Full);
  assert.equal(b.qsize(), 2);
});

test('Queue: the ring buffer keeps FIFO order across wrap-around and growth', async () => {
  const q = new Queue<number>();
  let next = 0;
  let expected = 0;
  for (let round = 0; round < 6; round++) {
    for (let i = 0; i < 13 * (round + 1); i++) q.putNowait(next++);
    for (let i = 0; i < 7 * (round + 1); i++) assert.equal(q.getNowait(), expected++);
  }
  while (!q.empty()) assert.equal(await q.get(), expected++);
  assert.equal(expected, next);
});

test('LifoQueue returns the newest item first', async () => {
  const q = new LifoQueue<number>(3);
  for (const x of [1, 2, 3]) await q.put(x);
  assert.equal(q.full(), true);
  assert.equal(q.peekNowait(), 3);
  assert.deepEqual([q.getNowait(), await q.get(), q.getNowait()], [3, 2, 1]);
  assert.throws(() => q.getNowait(), Empty);
});

test('PriorityQueue: numbers, strings, tuple-like arrays, smallest first', async () => {
  const nums = new PriorityQueue<number>();
  const input = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
  for (const x of input) nums.putNowait(x);
  assert.equal(nums.peekNowait(), 0);
  const out: number[] = [];
  while (!nums.empty()) out.push(await nums.get());
  assert.deepEqual(out, [...input].sort((a, b) => a - b));

  const words = new PriorityQueue<string>();
  for (const w of ['pear', 'apple', 'fig']) words.putNowait(w);
  assert.deepEqual([words.getNowait(), words.getNowait(), words.getNowait()], ['apple', 'fig', 'pear']);

  const tuples = new PriorityQueue<[number, string] | [number]>();
  for (const t of [[2, 'b'], [1, 'z'], [2, 'a'], [1], [1, 'a']] as ([number, string] | [number])[]) tuples.putNowait(t);
  const got = [];
  while (!tuples.empty()) got.push(tuples.getNowait());
  assert.deepEqual(got, [[1], [1, 'a'], [1, 'z'], [2, 'a'], [2, 'b']]);

  const mixed = new PriorityQueue<bigint | number>();
  mixed.putNowait(3n);
  mixed.putNowait(2);
  assert.equal(mixed.getNowait(), 2);
});

test('PriorityQueue: a custom compare; unorderable items throw and change nothing', async () => {
  const jobs = new PriorityQueue<{ due: number }>(0, (a, b) => a.due - b.due);
  for (const due of [5, 1, 3]) jobs.putNowait({ due });
  assert.deepEqual([jobs.getNowait().due, jobs.getNowait().due, jobs.getNowait().due], [1, 3, 5]);

  const q = new PriorityQueue<unknown>();
  q.putNowait(1);
  q.putNowait(2);
  assert.throws(() => q.putNowait('x'), /PriorityQueue cannot order string and number/);
  assert.throws(() => q.putNowait({}), TypeError);
  assert.throws(() => q.putNowait(null), /null/);
  assert.throws(() => q.putNowait([1]), /array and number/);
  assert.equal(q.qsize(), 2);
  assert.equal(q.unfinishedTasks, 2);
  assert.deepEqual([q.getNowait(), q.getNowait()], [1, 2]);

  const same = {};
  const t = new PriorityQueue<[number, object]>();
  t.putNowait([1, same]);
  t.putNowait([1, same]); // equal by identity, like Python's == before <
  assert.throws(() => t.putNowait([1, {}]), /Object and Object/);
  assert.equal(t.qsize(), 2);
});

test('PriorityQueue: NaN is refused (alone, first, or in a tuple) and the other items keep their order', async () => {
  const q = new PriorityQueue<number | [number, string]>();
  const nan = { name: 'RangeError', message: /PriorityQueue cannot order NaN/ };
  assert.throws(() => q.putNowait(NaN), nan, 'into an empty queue');
  for (const n of [5, 3, 8, 1]) q.putNowait(n);
  assert.throws(() => q.putNowait(NaN), nan);
  assert.throws(() => q.putNowait([NaN, 'x']), nan);
  assert.throws(() => q.put(NaN), nan, 'thrown at the call, like any bad argument');
  const full = new PriorityQueue<number>(1);
  full.putNowait(1);
  assert.throws(() => full.put(NaN), nan, 'also when the put would wait');
  assert.equal(full.putterCount, 0);
  for (const n of [7, 2]) q.putNowait(n);
  assert.deepEqual([1, 2, 3, 5, 7, 8].map(() => q.getNowait()), [1, 2, 3, 5, 7, 8]);
  const custom = new PriorityQueue<number>(0, (a, b) => (Number.isNaN(a) ? -1 : Number.isNaN(b) ? 1 : a - b));
  custom.putNowait(1);
  custom.putNowait(NaN);
  assert.ok(Number.isNaN(custom.getNowait()), 'a custom compare decides for itself');
});

test('PriorityQueue: a compare that throws during get rejects it and leaves the heap intact', async () => {
  let explode = false;
  const q = new PriorityQueue<number>(0, (a, b) => {
    if (explode) throw new Error('boom');
    return a - b;
  });
  for (const x of [9, 4, 7, 1, 8, 2, 6, 3, 5]) q.putNowait(x);
  explode = true;
  await assert.rejects(q.get(), /boom/);
  assert.throws(() => q.getNowait(), /boom/);
  explode = false;
  const out: number[] = [];
  while (!q.empty()) out.push(q.getNowait());
  assert.deepEqual(out, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('PriorityQueue: a blocked putter whose item cannot be ordered fails; the next one is admitted', async () => {
  const q = new PriorityQueue<unknown>(2);
  q.putNowait(1);
  q.putNowait(2);
  const bad = attempt(() => q.put('x'));
  const good = attempt(() => q.put(3));
  await settle();
  assert.equal(q.putterCount, 2);
  assert.equal(await q.get(), 1);
  assert.ok((await bad.get()) instanceof TypeError);
  assert.equal(await good.get(), undefined);
  assert.equal(q.putterCount, 0);
  assert.deepEqual([q.getNowait(), q.getNowait()], [2, 3]);
});

test('get blocks until a put, which hands the item over without buffering it', async () => {
  const q = new Queue<string>();
  const g = spawn(() => q.get());
  await settle();
  assert.equal(q.getterCount, 1);
  await q.put('hello');
  assert.equal(q.qsize(), 0);
  assert.equal(q.getterCount, 0);
  assert.equal(await g.get(), 'hello');
  assert.equal(q.unfinishedTasks, 1);

  const h = spawn(() => q.get());
  await settle();
  q.putNowait('sync');
  assert.equal(q.qsize(), 0);
  assert.equal(await h.get(), 'sync');
});

test('a bounded put waits until a get frees a slot; the blocked item is admitted in order', async () => {
  const q = new Queue<number>(2);
  await q.put(1);
  await q.put(2);
  let done = false;
  const g = spawn(async () => {
    await q.put(3);
    done = true;
  });
  await settle();
  assert.equal(done, false);
  assert.equal(q.putterCount, 1);
  assert.equal(q.unfinishedTasks, 2);
  assert.equal(await q.get(), 1);
  assert.equal(q.qsize(), 2); // 3 went in at once
  assert.equal(q.putterCount, 0);
  assert.equal(q.unfinishedTasks, 3);
  await g.join();
  assert.equal(done, true);
  assert.deepEqual([q.getNowait(), q.getNowait()], [2, 3]);
});

test('timeouts: get and peek reject with Empty, put with Full; no waiter is left', async () => {
  const q = new Queue<number>(1);
  await assert.rejects(q.get({ timeout: 0.01 }), Empty);
  await assert.rejects(q.peek({ timeout: 0 }), Empty);
  assert.equal(q.getterCount, 0);
  q.putNowait(1);
  await assert.rejects(q.put(2, { timeout: 0.01 }), Full);
  assert.equal(q.putterCount, 0);
  assert.equal(q.qsize(), 1);
  assert.equal(q.getNowait(), 1);
  assert.equal(q.qsize(), 0, 'the timed-out item was not admitted');
  // The same from inside greenlets.
  const g = attempt(() => q.get({ timeout: 0.01 }));
  assert.ok((await g.get()) instanceof Empty);
  assert.equal(q.getterCount, 0);
});

test('a getter killed while waiting leaves no trace; the next put goes to the buffer or the next getter', async () => {
  const q = new Queue<number>();
  const g = spawn(() => q.get());
  await settle();
  assert.equal(q.getterCount, 1);
  await g.kill();
  assert.ok((g.value as unknown) instanceof GreenletExit);
  assert.equal(q.getterCount, 0);
  await q.put(1);
  assert.equal(q.qsize(), 1);
  assert.equal(q.getNowait(), 1);

  const first = spawn(() => q.get());
  const second = spawn(() => q.get());
  await settle();
  assert.equal(q.getterCount, 2);
  await first.kill();
  assert.equal(q.getterCount, 1);
  await q.put(2);
  assert.equal(await second.get(), 2);
  assert.equal(q.qsize(), 0);
});

test('a putter killed while waiting leaves no trace and its item never enters', async () => {
  const q = new Queue<string>(1);
  q.putNowait('kept');
  const g = spawn(() => q.put('lost'));
  await settle();
  assert.equal(q.putterCount, 1);
  await g.kill();
  assert.equal(q.putterCount, 0);
  assert.equal(q.getNowait(), 'kept');
  assert.throws(() => q.getNowait(), Empty);
  assert.equal(q.unfinishedTasks, 1);
});

test('a kill that arrived outside a wait is delivered by a get that would not wait; the item stays', async () => {
  const q = new Queue<number>();
  q.putNowait(1);
  let release!: () => void;
  const foreign = new Promise<void>((resolve) => (release = resolve));
  const g = attempt(async () => {
    await foreign; // not a switch point: the kill is held for the next one
    return q.get();
  });
  await settle();
  await g.kill(new Error('stop'), { block: false });
  release();
  const result = await g.get();
  assert.ok(result instanceof Error && result.message === 'stop');
  assert.equal(q.qsize(), 1);

  const h = attempt(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return q.put(2);
  });
  await settle();
  await h.kill(new Error('stop put'), { block: false });
  assert.equal((await h.get() as Error).message, 'stop put');
  assert.equal(q.qsize(), 1);

  const p = attempt(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return q.peek();
  });
  await settle();
  await p.kill(new Error('stop peek'), { block: false });
  assert.equal((await p.get() as Error).message, 'stop peek');
});

test('blocked getters are served in arrival order', async () => {
  const q = new Queue<string>();
  const gs = ['a', 'b', 'c'].map(() => spawn(() => q.get()));
  await settle();
  assert.equal(q.getterCount, 3);
  for (const x of ['x', 'y', 'z']) await q.put(x);
  assert.deepEqual(await Promise.all(gs.map((g) => g.get())), ['x', 'y', 'z']);
});

test('blocked putters are served in arrival order', async () => {
  const q = new Queue<number>(1);
  q.putNowait(0);
  const gs = [1, 2, 3].map((n) => spawn(() => q.put(n)));
  await settle();
  assert.equal(q.putterCount, 3);
  const out: number[] = [];
  for (let i = 0; i < 4; i++) out.push(await q.get());
  assert.deepEqual(out, [0, 1, 2, 3]);
  await Promise.all(gs.map((g) => g.join()));
  assert.equal(q.putterCount, 0);
});

test('peek waits for an item without removing it; every peeker sees it', async () => {
  const q = new Queue<number>();
  await assert.rejects(q.peek({ block: false }), Empty);
  assert.throws(() => q.peekNowait(), Empty);
  const p1 = spawn(() => q.peek());
  const p2 = spawn(() => q.peek({ timeout: 5 }));
  const getter = spawn(() => q.get());
  await settle();
  assert.equal(q.getterCount, 3);
  await q.put(7);
  assert.deepEqual([await p1.get(), await p2.get(), await getter.get()], [7, 7, 7]);
  assert.equal(q.getterCount, 0);
  await q.put(8);
  const p3 = spawn(() => q.peek());
  await settle();
  assert.equal(await p3.get(), 8);
  assert.equal(await q.peek(), 8);
  assert.equal(q.qsize(), 1);
});

test('Channel: put waits for a taker, get waits for a putter', async () => {
  const ch = new Channel<string>();
  assert.equal(ch.maxsize, 0);
  assert.equal(ch.qsize(), 0);
  assert.equal(ch.empty(), true);
  assert.equal(ch.full(), true);
  assert.throws(() => ch.putNowait('x'), Full);
  assert.throws(() => ch.getNowait(), Empty);
  await assert.rejects(ch.put('x', { block: false }), Full);
  await assert.rejects(ch.put('x', { timeout: 0.01 }), Full);
  assert.equal(ch.putterCount, 0);

  let taken = false;
  const putter = spawn(async () => {
    await ch.put('ping');
    taken = true;
  });
  await settle();
  assert.equal(taken, false);
  assert.equal(ch.balance, 1);
  assert.equal(ch.qsize(), 0);
  assert.equal(ch.peekNowait(), 'ping');
  assert.equal(await ch.peek(), 'ping');
  assert.equal(await ch.get(), 'ping');
  await putter.join();
  assert.equal(taken, true);

  const getter = spawn(() => ch.get());
  await settle();
  assert.equal(ch.balance, -1);
  ch.putNowait('pong');
  assert.equal(await getter.get(), 'pong');
  assert.equal(ch.balance, 0);

  const second = spawn(() => ch.put('sync'));
  await settle();
  assert.equal(ch.getNowait(), 'sync');
  await second.join();
});

test('Channel: a peeker waiting sees the next putter\'s item; a handoff passes it to getters and peekers', async () => {
  const ch = new Channel<number>();
  const peeker = spawn(() => ch.peek());
  await settle();
  const putter = spawn(() => ch.put(1));
  assert.equal(await peeker.get(), 1);
  assert.equal(ch.getNowait(), 1);
  await putter.join();

  const p = spawn(() => ch.peek());
  const g = spawn(() => ch.get());
  await settle();
  await ch.put(2);
  assert.deepEqual([await p.get(), await g.get()], [2, 2]);
});

test('Channel: putters are served in arrival order', async () => {
  const ch = new Channel<number>();
  const gs = [1, 2, 3].map((n) => spawn(() => ch.put(n)));
  await settle();
  assert.equal(ch.putterCount, 3);
  assert.deepEqual([await ch.get(), await ch.get(), ch.getNowait()], [1, 2, 3]);
  await Promise.all(gs.map((g) => g.join()));
});

test('taskDone, join and unfinishedTasks', async () => {
  const q = new Queue<number>();
  assert.equal(await q.join(), true);
  assert.throws(() => q.taskDone(), (e: unknown) => e instanceof InvalidState && e.message === 'task_done() called too many times' && e.code === 'ERR_GREEN_INVALID_STATE');
  for (let i = 0; i < 3; i++) q.putNowait(i);
  assert.equal(q.unfinishedTasks, 3);
  assert.equal(await q.join(0.01), false);
  const joiner = spawn(() => q.join());
  const worker = spawn(async () => {
    for (let i = 0; i < 3; i++) {
      await q.get();
      await sleep(0);
      q.taskDone();
    }
  });
  assert.equal(await joiner.get(), true);
  assert.equal(q.unfinishedTasks, 0);
  await worker.join();
  assert.throws(() => q.taskDone(), InvalidState);
});

test('shutdown(): put throws, get drains then throws, blocked putters and getters wake with ShutDown', async () => {
  const full = new Queue<number>(1);
  full.putNowait(1);
  const putter = attempt(() => full.put(2));
  const empty = new Queue<number>();
  const getter = attempt(() => empty.get());
  const peeker = attempt(() => empty.peek());
  await settle();
  full.shutdown();
  empty.shutdown();
  assert.equal(full.isShutdown, true);
  assert.ok((await putter.get()) instanceof ShutDown);
  assert.ok((await getter.get()) instanceof ShutDown);
  assert.ok((await peeker.get()) instanceof ShutDown);
  assert.equal(full.putterCount + empty.getterCount, 0);

  await assert.rejects(full.put(3), ShutDown);
  assert.throws(() => full.putNowait(3), ShutDown);
  assert.equal(full.peekNowait(), 1);
  assert.equal(await full.get(), 1);
  await assert.rejects(full.get(), ShutDown);
  await assert.rejects(full.peek(), ShutDown);
  assert.throws(() => full.getNowait(), ShutDown);
  assert.throws(() => full.peekNowait(), ShutDown);
  assert.equal(full.unfinishedTasks, 1, 'a normal shutdown keeps the task count');
  full.shutdown(); // idempotent
});

test('shutdown(true) drains at once, counts the drained tasks done and releases join()', async () => {
  const q = new Queue<number>();
  for (let i = 0; i < 3; i++) q.putNowait(i);
  const joiner = spawn(() => q.join());
  await settle();
  q.shutdown(true);
  assert.equal(q.qsize(), 0);
  assert.equal(q.unfinishedTasks, 0);
  assert.equal(await joiner.get(), true);
  await assert.rejects(q.get(), ShutDown);

  // A task still in a consumer's hands keeps join() waiting (Python 3.13).
  const r = new Queue<number>();
  r.putNowait(1);
  r.putNowait(2);
  assert.equal(r.getNowait(), 1);
  const j = spawn(() => r.join());
  await settle();
  r.shutdown(true);
  assert.equal(r.unfinishedTasks, 1);
  await settle();
  assert.equal(j.dead, false);
  r.taskDone();
  assert.equal(await j.get(), true);

  const blocked = new Queue<number>(1);
  blocked.putNowait(1);
  const putter = attempt(() => blocked.put(2));
  await settle();
  blocked.shutdown(true);
  assert.ok((await putter.get()) instanceof ShutDown);
  assert.equal(blocked.unfinishedTasks, 0);
});

test('shutdown(true) drains LifoQueue and PriorityQueue too', () => {
  for (const q of [new LifoQueue<number>(), new PriorityQueue<number>()]) {
    q.putNowait(2);
    q.putNowait(1);
    q.shutdown(true);
    assert.equal(q.qsize(), 0);
    assert.equal(q.unfinishedTasks, 0);
    assert.throws(() => q.getNowait(), ShutDown);
  }
});

test('for await yields items until shutdown, then ends cleanly', async () => {
  const q = new Queue<number>();
  const seen: number[] = [];
  const consumer = spawn(async () => {
    for await (const x of q) seen.push(x);
    return 'ended';
  });
  for (const x of [1, 2, 3]) await q.put(x);
  await settle();
  q.putNowait(4);
  q.shutdown();
  assert.equal(await consumer.get(), 'ended');
  assert.deepEqual(seen, [1, 2, 3, 4]);

  const c = new Channel<string>();
  const got: string[] = [];
  const reader = spawn(async () => {
    for await (const s of c) got.push(s);
  });
  await c.put('a');
  await c.put('b');
  c.shutdown();
  await reader.join();
  assert.deepEqual(got, ['a', 'b']);
});

test('for await: break leaves no getter; a kill propagates out of the loop', async () => {
  const q = new Queue<number>();
  q.putNowait(1);
  q.putNowait(2);
  for await (const x of q) {
    assert.equal(x, 1);
    break;
  }
  assert.equal(q.getterCount, 0);
  assert.equal(q.getNowait(), 2);

  const g = attempt(async () => {
    for await (const _ of q) void _;
    return 'ended';
  });
  await settle();
  assert.equal(q.getterCount, 1);
  await g.kill(new Error('killed'));
  assert.equal((g.value as Error).message, 'killed');
  assert.equal(q.getterCount, 0);
});

test('SimpleQueue: unbounded FIFO without task tracking', async () => {
  const q = new SimpleQueue<number>();
  assert.equal(q.maxsize, null);
  assert.equal('taskDone' in q, false);
  assert.equal('join' in q, false);
  for (let i = 0; i < 50; i++) await q.put(i);
  assert.equal(q.full(), false);
  assert.equal(q.qsize(), 50);
  for (let i = 0; i < 50; i++) assert.equal(await q.get(), i);
  const g = spawn(() => q.get());
  await settle();
  q.putNowait(99);
  assert.equal(await g.get(), 99);
});

test('the main pseudo-greenlet can block on a queue too', async () => {
  const q = new Queue<number>();
  spawn(async () => {
    await sleep(0.001);
    await q.put(5);
  });
  assert.equal(await q.get(), 5);
});

test('bad arguments fail fast with TypeError or RangeError naming the argument', () => {
  assert.throws(() => new Queue(-1), { name: 'RangeError', message: /maxsize/ });
  assert.throws(() => new Queue(1.5), { name: 'RangeError', message: /maxsize/ });
  assert.throws(() => new Queue(NaN), { name: 'RangeError', message: /maxsize/ });
  assert.throws(() => new Queue('3' as never), { name: 'TypeError', message: /maxsize/ });
  assert.throws(() => new LifoQueue(-2), { name: 'RangeError', message: /maxsize/ });
  assert.throws(() => new PriorityQueue(-1), { name: 'RangeError', message: /maxsize/ });
  assert.throws(() => new PriorityQueue(0, 'asc' as never), { name: 'TypeError', message: /compare/ });
  const q = new Queue<number>();
  for (const call of [
    (o: never) => q.put(1, o),
    (o: never) => q.get(o),
    (o: never) => q.peek(o),
  ]) {
    assert.throws(() => call(42 as never), { name: 'TypeError', message: /options/ });
    assert.throws(() => call(null as never), { name: 'TypeError', message: /options/ });
    assert.throws(() => call({ block: 'yes' } as never), { name: 'TypeError', message: /options\.block/ });
    assert.throws(() => call({ timeout: -1 } as never), { name: 'RangeError', message: /options\.timeout/ });
    assert.throws(() => call({ timeout: NaN } as never), { name: 'RangeError', message: /options\.timeout/ });
    assert.throws(() => call({ timeout: Infinity } as never), { name: 'RangeError', message: /options\.timeout/ });
    assert.throws(() => call({ timeout: '1' } as never), { name: 'TypeError', message: /options\.timeout/ });
  }
  assert.throws(() => q.join(-1), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => q.join('1' as never), { name: 'TypeError', message: /timeout/ });
  assert.throws(() => q.shutdown('now' as never), { name: 'TypeError', message: /immediate/ });
  assert.equal(q.isShutdown, false);
  assert.equal(q.qsize(), 0, 'a rejected call changed nothing');
});
