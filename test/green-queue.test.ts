/**
 * The shared queue suite (queue-tests.ts) against the green queue shim:
 * workers are green Threads whose target is the worker body itself; then
 * the green-only behaviours (items are not copied, a killed waiter leaves
 * the queue, the module's patch declarations).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sleep, spawn } from '../runtime/index.js';
import * as queue from '../shims/green/queue.js';
import * as threading from '../shims/green/threading.js';
import * as workers from './fixtures/queue/workers.js';
import { queueTests } from './queue-tests.js';
import { until } from './helpers.js';

queueTests('green', queue, async (body, args) => {
  const thread = new threading.Thread({ target: workers[body] as (...args: unknown[]) => unknown, args });
  await thread.start();
  return thread;
});

test('green queue: declares what it patches', () => {
  assert.equal(queue.__target__, 'queue');
  assert.deepEqual(queue.__implements__, ['Queue', 'LifoQueue', 'PriorityQueue', 'SimpleQueue']);
  for (const name of queue.__implements__) assert.equal(typeof (queue as Record<string, unknown>)[name], 'function');
});

test('green queue: items are the objects themselves, not copies', async () => {
  const q = new queue.Queue();
  const item = { n: 1 };
  await q.put(item);
  assert.equal(await q.get(), item);
  const s = new queue.SimpleQueue();
  s.put_nowait(item);
  assert.equal(s.get_nowait(), item);
});

test('green queue: a killed getter or putter leaves its queue', async () => {
  const q = new queue.Queue(1);
  const getter = spawn(() => q.get());
  await until(() => q._waiting_getters === 1, 'the getter to park');
  await getter.kill();
  assert.equal(q._waiting_getters, 0);
  q.put_nowait('x');
  const putter = spawn(() => q.put('y'));
  await until(() => q._waiting_putters === 1, 'the putter to park');
  await putter.kill();
  assert.deepEqual([q._waiting_putters, q.qsize(), q.get_nowait()], [0, 1, 'x']);
});

test('green queue: a blocked get lets other greenlets run', async () => {
  const q = new queue.LifoQueue();
  const log: string[] = [];
  const consumer = spawn(async () => log.push(`got ${await q.get()}`));
  spawn(async () => {
    log.push('producer ran');
    await q.put('item');
  });
  await consumer.join();
  assert.deepEqual(log, ['producer ran', 'got item']);
});
