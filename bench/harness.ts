/**
 * The benchmark harness shared by every workload: the workload shape, timing,
 * scaling, the warm-up + median-of-runs loop, optional imports that turn a
 * dependency that has not landed into a `skipped` figure, and the child
 * process runner for workloads that need a process of their own (peak RSS,
 * `--expose-gc`). See /BENCH.md for the contract.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { floors } from './floor.js';

/** One run's figures: numbers, plus strings (`skipped`, a Node version…). */
export type Figures = Record<string, number | string>;

/**
 * A benchmark workload: `run(scale)` performs one measured run at `scale`
 * (1 = the size BENCH.md gives) and returns its figures, or `{ skipped }`.
 *
 * @example
 * const w: Workload = { id: 'W0', name: 'noop', run: async () => ({ ns_per_op: 1 }) };
 */
export interface Workload {
  /** `W1` … `W8`. */
  readonly id: string;
  /** What it measures, for the table. */
  readonly name: string;
  /** One measured run. */
  run(scale: number): Promise<Figures>;
  /**
   * Set when one run already takes its own medians (W6 spawns each command
   * many times): measured this many times, without a warm-up.
   */
  readonly runs?: number;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Size factor (1 = full size). */
  scale: number;
  /** Measured runs; the figure is their median. */
  runs: number;
  /** Run once first and discard it. */
  warmup: boolean;
}

/**
 * `full × scale`, rounded, at least `min`.
 *
 * @example
 * scaled(100_000, 0.01); // 1000
 */
export function scaled(full: number, scale: number, min = 2): number {
  return Math.max(min, Math.round(full * scale));
}

/**
 * Nanoseconds per operation of `fn`, which performs `ops` operations.
 *
 * @example
 * const ns = await nsPerOp(1000, async () => { for (let i = 0; i < 1000; i++) await null; });
 */
export async function nsPerOp(ops: number, fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return ((performance.now() - start) * 1e6) / ops;
}

/**
 * Import a module that may not be built yet: the module, or the reason it
 * could not be imported (`"runtime/queue.js not built yet"`), for `{ skipped }`.
 *
 * @example
 * const mod = await tryImport<{ Queue: unknown }>(new URL('../runtime/queue.js', import.meta.url));
 * if (typeof mod === 'string') return { skipped: mod };
 */
export async function tryImport<M>(url: URL): Promise<M | string> {
  const label = (href: string) => href.replace(/^.*\/dist\//, '');
  try {
    return (await import(url.href)) as M;
  } catch (error) {
    const { code, url: missing } = error as { code?: unknown; url?: unknown };
    if (code === 'ERR_MODULE_NOT_FOUND') return `${label(typeof missing === 'string' ? missing : url.href)} not built yet`;
    return `${label(url.href)} failed to load: ${String((error as Error).message ?? error).split('\n')[0]}`;
  }
}

/**
 * Run `child(...args)` of the bench module `file` (e.g. `w7-memory.js`) in a
 * fresh `node` (with `nodeArgs`) and return the figures it prints.
 *
 * @example
 * const figures = await runChild('w7-memory.js', ['ours', '1000'], ['--expose-gc']);
 */
export function runChild(file: string, args: string[], nodeArgs: string[] = []): Promise<Figures> {
  const entry = new URL('./child.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [...nodeArgs, entry, file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as Figures);
      else reject(new Error(`bench child ${file} ${args.join(' ')} exited with ${signal ?? code}: ${out.trim()}`));
    });
  });
}

/**
 * One run of a speed workload against its floor (bench/floor.ts `floors[id]`
 * with `args`, `ops` operations): the floor in a bare child process, then the
 * floor here (`floor_same_process_ns_per_op`: slowed by the runtime's
 * AsyncLocalStorage), then `ours`.
 *
 * @example
 * return versusFloor('W1', n, [n], () => joinAll(Array.from({ length: n }, () => spawn(sleep))));
 */
export async function versusFloor(id: string, ops: number, args: number[], ours: () => Promise<unknown>): Promise<Figures> {
  const { ms } = await runChild('floor.js', [id, ...args.map(String)]);
  const floor = ((ms as number) * 1e6) / ops;
  const floorHere = await nsPerOp(ops, () => floors[id]!(...args));
  const ns = await nsPerOp(ops, ours);
  return { ns_per_op: ns, floor_ns_per_op: floor, ratio: ns / floor, floor_same_process_ns_per_op: floorHere };
}

/**
 * The median of `values` (the mean of the middle two for an even count).
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Run a workload: a warm-up, then `runs` runs; each numeric figure is the
 * median over the runs (a `ratio` is the median of per-run ratios, so ours
 * and the floor are compared within the same run). A `skipped` run ends it.
 *
 * @example
 * const figures = await measure(w1, { scale: 1, runs: 5, warmup: true });
 */
export async function measure(workload: Workload, options: MeasureOptions): Promise<Figures> {
  if (workload.runs !== undefined) options = { ...options, runs: workload.runs, warmup: false };
  if (options.warmup) {
    const first = await workload.run(options.scale);
    if ('skipped' in first) return first;
  }
  const runs: Figures[] = [];
  for (let i = 0; i < options.runs; i++) {
    const figures = await workload.run(options.scale);
    if ('skipped' in figures) return figures;
    runs.push(figures);
  }
  const result: Figures = {};
  for (const key of Object.keys(runs[0]!)) {
    const values = runs.map((r) => r[key]);
    result[key] = values.every((v) => typeof v === 'number') ? median(values as number[]) : values.at(-1)!;
  }
  return result;
}
