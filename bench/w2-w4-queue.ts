/**
 * W2 and W4, the two Queue workloads. W2: two greenlets pass a token through
 * two unbounded Queues, 100,000 round trips, in ns per switch (2 per round
 * trip). W4: a producer and a consumer move 1,000,000 items through
 * `Queue(100)`, in ns per item. Queue is imported lazily so these report
 * `skipped` until runtime/queue.js is built.
 *
 * @module
 */
import { joinAll, spawn } from '../runtime/index.js';
import { scaled, tryImport, versusFloor, type Figures, type Workload } from './harness.js';

/** The part of runtime/queue.js these workloads use. */
export interface QueueModule {
  Queue: new (maxsize?: number | null) => { put(item: unknown): Promise<void>; get(): Promise<unknown> };
}

/**
 * runtime/queue.js, or why it could not be imported.
 *
 * @example
 * const mod = await loadQueue();
 * if (typeof mod !== 'string') await pingPong(mod, 1000);
 */
export function loadQueue(): Promise<QueueModule | string> {
  return tryImport<QueueModule>(new URL('../runtime/queue.js', import.meta.url));
}

/**
 * Ours, W2: two greenlets pass a token through two unbounded Queues, `n`
 * round trips (also run by the peers' bench, bench/peers/).
 *
 * @example
 * await pingPong(mod, 1000);
 */
export function pingPong(mod: QueueModule, n: number): Promise<unknown> {
  const ping = new mod.Queue();
  const pong = new mod.Queue();
  const a = spawn(async () => {
    for (let i = 0; i < n; i++) {
      await ping.put(i);
      await pong.get();
    }
  });
  const b = spawn(async () => {
    for (let i = 0; i < n; i++) await pong.put(await ping.get());
  });
  return joinAll([a, b]);
}

/**
 * Ours, W4: a producer and a consumer greenlet move `n` items through
 * `Queue(100)` (also run by the peers' bench, bench/peers/).
 *
 * @example
 * await producerConsumer(mod, 1000);
 */
export function producerConsumer(mod: QueueModule, n: number): Promise<unknown> {
  const q = new mod.Queue(100);
  const producer = spawn(async () => {
    for (let i = 0; i < n; i++) await q.put(i);
  });
  const consumer = spawn(async () => {
    for (let i = 0; i < n; i++) await q.get();
  });
  return joinAll([producer, consumer]);
}

/**
 * The W2 workload.
 *
 * @example
 * console.log(await w2.run(0.01)); // { ns_per_op, floor_ns_per_op, ratio } or { skipped }
 */
export const w2: Workload = {
  id: 'W2',
  name: 'token ping-pong via 2 Queues (ns/switch)',
  async run(scale): Promise<Figures> {
    const mod = await loadQueue();
    if (typeof mod === 'string') return { skipped: mod };
    const n = scaled(100_000, scale);
    return versusFloor('W2', 2 * n, [n], () => pingPong(mod, n));
  },
};

/**
 * The W4 workload.
 *
 * @example
 * console.log(await w4.run(0.01)); // { ns_per_op, floor_ns_per_op, ratio } or { skipped }
 */
export const w4: Workload = {
  id: 'W4',
  name: 'producer/consumer via Queue(100) (ns/item)',
  async run(scale): Promise<Figures> {
    const mod = await loadQueue();
    if (typeof mod === 'string') return { skipped: mod };
    const n = scaled(1_000_000, scale);
    return versusFloor('W4', n, [n], () => producerConsumer(mod, n));
  },
};
