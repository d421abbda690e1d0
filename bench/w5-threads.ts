/**
 * W5: the threading shim, native vs green — 200 `Thread`s, each
 * 10 × `await time.sleep(0.001)`, all joined. Each mode runs in a child
 * process of its own so its peak RSS (`process.resourceUsage().maxRSS`) is
 * its own: native = shims/native/threading.js + time.js (worker_threads),
 * green = shims/green/… (greenlets). `us_per_thread_start` is the green
 * figure: time from the first `new Thread` until every `start()` resolved,
 * per thread (native's is `native_us_per_thread_start`). The native round
 * runs with the warm pool's default settings, as an app gets them.
 * `warm_start_us` is native's on a warm pool: once that round ended, the
 * child keeps up to `WARM_THREADS` (50) idle workers, fills them with one
 * round of that many W5 threads, then times a second round of them, each
 * start taking a worker the first left (`warm_threads` says how many).
 * Why not 200 warm workers: 200 live worker isolates on a 2-core machine
 * make Node 24's garbage collector spin (each isolate's cppgc sweeper
 * re-posts its task while the shared background sweep lags behind), so
 * booting the 200 took minutes there instead of seconds (see README, "W5
 * on Node 24").
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import { runChild, scaled, tryImport, type Figures, type Workload } from './harness.js';
import threadBody from './w5-target.js';

const ITERATIONS = 10;

/** Threads of the warm round, and idle workers kept for it (at most W5's thread count). */
const WARM_THREADS = 50;

/** The part of a threading shim W5 uses. */
interface ThreadingModule {
  Thread: new (options: { target: unknown; args: unknown[] }) => { start(): unknown; join(): Promise<unknown> };
}

/** One round: `n` threads started together, then joined; ms in all and µs per start. */
async function round(threading: ThreadingModule, n: number, target: unknown, args: unknown[]): Promise<{ ms: number; us: number }> {
  const start = performance.now();
  const threads = Array.from({ length: n }, () => new threading.Thread({ target, args }));
  await Promise.all(threads.map((t) => t.start()));
  const started = performance.now();
  for (const t of threads) await t.join();
  return { ms: performance.now() - start, us: ((started - start) * 1000) / n };
}

/**
 * Child side: run `count` threads in `mode` (`native` or `green`) and report
 * `ms`, `peak_rss_mb` and `us_per_thread_start` (native: and
 * `warm_start_us` and `warm_threads`, see above), or
 * `{ skipped }`.
 *
 * @example
 * // node dist/bench/child.js w5-threads.js green 200
 */
export async function child(mode: string, count: string): Promise<Figures> {
  const dir = new URL(`../shims/${mode}/`, import.meta.url);
  const threading = await tryImport<ThreadingModule>(new URL('threading.js', dir));
  if (typeof threading === 'string') return { skipped: threading };
  const time = await tryImport<object>(new URL('time.js', dir));
  if (typeof time === 'string') return { skipped: time };
  const n = Number(count);
  const target = mode === 'native' ? { module: new URL('./w5-target.js', import.meta.url) } : threadBody;
  const args = [new URL('time.js', dir).href, ITERATIONS];
  const cold = await round(threading, n, target, args);
  const figures: Figures = { ms: cold.ms, peak_rss_mb: process.resourceUsage().maxRSS / 1024, us_per_thread_start: cold.us };
  if (mode !== 'native') return figures;
  const pool = await tryImport<{ setPoolSettings(s: { size: number; idleMs: number }): void }>(new URL('pool-settings.js', dir));
  if (typeof pool === 'string') return { skipped: pool };
  const warm = Math.min(n, WARM_THREADS);
  // An idle timeout no round outlasts, however loaded the machine: the timed round finds every worker warm.
  pool.setPoolSettings({ size: warm, idleMs: 3_600_000 });
  await round(threading, warm, target, args);
  return { ...figures, warm_start_us: (await round(threading, warm, target, args)).us, warm_threads: warm };
}

/** One mode's child figures with the mode as prefix, or its skip reason. */
function prefixed(mode: string, f: Figures): Figures {
  if (typeof f.skipped === 'string') return { skipped: `${mode}: ${f.skipped}` };
  return Object.fromEntries(Object.entries(f).map(([key, value]) => [`${mode}_${key}`, value]));
}

/**
 * The W5 workload.
 *
 * @example
 * console.log(await w5.run(0.05)); // { native_ms, green_ms, native_peak_rss_mb, … } or { skipped, … }
 */
export const w5: Workload = {
  id: 'W5',
  name: 'threading shim 200 threads × 10 sleeps: native vs green',
  async run(scale): Promise<Figures> {
    const n = String(scaled(200, scale));
    const native = await runChild('w5-threads.js', ['native', n]);
    const green = await runChild('w5-threads.js', ['green', n]);
    const skipped = [prefixed('native', native), prefixed('green', green)].map((f) => f.skipped).filter(Boolean);
    const figures = { ...prefixed('native', native), ...prefixed('green', green) };
    if (skipped.length > 0) return { ...figures, skipped: skipped.join('; ') };
    const rssRatio = (green.peak_rss_mb as number) / (native.peak_rss_mb as number);
    return { ...figures, us_per_thread_start: green.us_per_thread_start!, warm_start_us: native.warm_start_us!, rss_ratio: rssRatio };
  },
};
