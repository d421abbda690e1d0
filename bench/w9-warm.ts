/**
 * W9: 10,000 short native `Thread`s (a no-op module target, see
 * w9-target.ts) started and joined one after another on a warm pool, in
 * µs per thread — beside the same through a plain `new Worker` each (its
 * boot and exit; 100 of them at full scale, a Worker boot costing
 * 40–60 ms) and the floor a hand-written worker pool pays per task: a
 * `postMessage` to a resident worker and its answer back. `ratio` is
 * ours / that round trip; `worker_ratio` the plain Worker / ours. One
 * thread runs first (untimed) so the pool is warm. Goal: ≤ 1,000 µs per
 * thread.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { scaled, tryImport, type Figures, type Workload } from './harness.js';

const TARGET = new URL('./w9-target.js', import.meta.url);

interface NativeThreading {
  Thread: new (options: { target: { module: URL; export: string } }) => { start(): Promise<void>; join(): Promise<void> };
}

/** µs per call of `once`, called `n` times one after another. */
async function usEach(n: number, once: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await once();
  return ((performance.now() - start) * 1000) / n;
}

/** One native thread, started and joined. */
async function nativeThread(threading: NativeThreading): Promise<void> {
  const t = new threading.Thread({ target: { module: TARGET, export: 'noop' } });
  await t.start();
  await t.join();
}

/** One plain Worker running the no-op module, booted and ended. */
function plainWorker(): Promise<unknown> {
  return new Promise((resolve, reject) => new Worker(TARGET).once('error', reject).once('exit', resolve));
}

/** µs per round trip to a resident worker, `n` one after another. */
async function poolRoundTrip(n: number): Promise<number> {
  const worker = new Worker(TARGET, { workerData: 'resident' });
  const ask = (i: number): Promise<unknown> => new Promise((resolve) => (worker.once('message', resolve), worker.postMessage(i)));
  await ask(-1);
  const us = await usEach(n, () => ask(n));
  await worker.terminate();
  return us;
}

/**
 * The W9 workload.
 *
 * @example
 * console.log(await w9.run(0.01)); // { us_per_thread, pool_round_trip_us, ratio, new_worker_us, … }
 */
export const w9: Workload = {
  id: 'W9',
  name: 'native Threads started + joined one by one (warm pool)',
  async run(scale): Promise<Figures> {
    const threading = await tryImport<NativeThreading>(new URL('../shims/native/threading.js', import.meta.url));
    if (typeof threading === 'string') return { skipped: threading };
    const n = scaled(10_000, scale, 20);
    const workers = scaled(100, scale, 3);
    const pool = await poolRoundTrip(n);
    await nativeThread(threading);
    const us = await usEach(n, () => nativeThread(threading));
    const fresh = await usEach(workers, plainWorker);
    return {
      us_per_thread: us,
      pool_round_trip_us: pool,
      ratio: us / pool,
      new_worker_us: fresh,
      worker_ratio: fresh / us,
      threads: n,
      new_workers: workers,
    };
  },
};
