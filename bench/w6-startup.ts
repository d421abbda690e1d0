/**
 * W6: whole-process startup, per Node version — `node --import
 * <dist/loader/preload.js>` running an app that imports no shim
 * (`hello.mjs`) and one that imports bare `threading` and starts and joins
 * one thread (`hello-threading.mjs`), against plain `node hello.mjs` and
 * against a trivial preload that registers a no-op resolve hook with the same
 * API (bench/fixtures/). Each command runs {@link ROUNDS} times, interleaved,
 * after one warm-up; the figures are medians. Measured under this Node and
 * every binary listed in `GREEN_BENCH_NODES` (comma-separated paths).
 * Figures per version (keys prefixed `nodeNN_` for the extra binaries):
 * `added_ms` (ours − plain, no shim imported), `threading_added_ms` (ours with
 * hello-threading − plain hello; the warm-up run writes the code cache the
 * others read), `threading_uncached_added_ms` (the same with
 * `GREEN_CODE_CACHE=0`), `ratio` (ours / trivial), `ratio_plain`.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { hasSafeRegisterHooks } from '../loader/sync-hooks-support.js';
import { median, type Figures, type Workload } from './harness.js';

const PRELOAD = new URL('../loader/preload.js', import.meta.url);
const FIXTURES = new URL('../../bench/fixtures/', import.meta.url);
const HELLO = fileURLToPath(new URL('hello.mjs', FIXTURES));
const HELLO_THREADING = fileURLToPath(new URL('hello-threading.mjs', FIXTURES));
const NOOP_PRELOAD = new URL('noop-preload.mjs', FIXTURES).href;
/** Spawns of each command per version (the BENCH.md minimum is 20). */
const ROUNDS = 21;
// Startup is timed without inherited preloads or coverage collection: c8's
// NODE_V8_COVERAGE slows startup, and Node copies it into a child's env unless
// the env names it, hence the empty value.
const { NODE_OPTIONS: _options, GREEN_PATCH: _patch, ...inherited } = process.env;
const BASE_ENV = { ...inherited, NODE_V8_COVERAGE: '' };

/** Wall milliseconds of one `node …args` that must print `hello`. */
function startupMs(node: string, args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(node, args, { env, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0 || result.stdout.trim() !== 'hello') {
    throw new Error(`${node} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return ms;
}

/** The startup figures under the `node` binary, keys prefixed with `prefix`. */
function startup(node: string, prefix: string, rounds: number): Figures {
  const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  const sync = hasSafeRegisterHooks(version);
  const env = { ...BASE_ENV, GREEN_BENCH_SYNC_HOOKS: sync ? '1' : '0' };
  const commands = {
    plain: [HELLO],
    trivial: ['--import', NOOP_PRELOAD, HELLO],
    green: ['--import', PRELOAD.href, HELLO],
    green_threading: ['--import', PRELOAD.href, HELLO_THREADING],
    // The same without the code cache (GREEN_CODE_CACHE=0): a first run after an install or upgrade, a coverage run.
    green_threading_uncached: ['--import', PRELOAD.href, HELLO_THREADING],
  };
  const envOf = (key: string): NodeJS.ProcessEnv => (key === 'green_threading_uncached' ? { ...env, GREEN_CODE_CACHE: '0' } : env);
  const samples = Object.fromEntries(Object.keys(commands).map((key) => [key, [] as number[]]));
  for (let round = -1; round < rounds; round++) {
    for (const [key, args] of Object.entries(commands)) {
      const ms = startupMs(node, args, envOf(key));
      if (round >= 0) samples[key]!.push(ms); // round -1 warms the file cache
    }
  }
  const [plain, trivial, green, threading, uncached] = Object.values(samples).map(median) as [number, number, number, number, number];
  const figures: Figures = {
    version,
    api: sync ? 'registerHooks' : 'register',
    runs: rounds,
    plain_ms: plain,
    trivial_ms: trivial,
    green_ms: green,
    green_threading_ms: threading,
    added_ms: green - plain,
    threading_added_ms: threading - plain,
    threading_uncached_added_ms: uncached - plain,
    ratio: green / trivial,
    ratio_plain: green / plain,
  };
  return Object.fromEntries(Object.entries(figures).map(([key, value]) => [prefix + key, value]));
}

/**
 * The W6 workload (one spawn of each command per run; the harness takes the median).
 *
 * @example
 * console.log(await w6.run(1)); // { version, plain_ms, trivial_ms, green_ms, added_ms, ratio, … }
 */
export const w6: Workload = {
  id: 'W6',
  name: 'startup: --import green-loader vs plain vs trivial hook',
  runs: 1,
  async run(scale: number): Promise<Figures> {
    if (!existsSync(PRELOAD)) return { skipped: 'loader/preload.js not built yet' };
    const probe = spawnSync(process.execPath, ['--import', PRELOAD.href, HELLO], { env: BASE_ENV, encoding: 'utf8' });
    if (probe.status !== 0) return { skipped: `loader/preload.js fails: ${/^\w*Error\b.*$/m.exec(probe.stderr)?.[0] ?? probe.stderr}` };
    const rounds = Math.max(1, Math.round(ROUNDS * Math.min(1, scale)));
    let figures = startup(process.execPath, '', rounds);
    for (const node of (process.env.GREEN_BENCH_NODES ?? '').split(',').filter((path) => path !== '')) {
      if (!existsSync(node)) {
        figures = { ...figures, [`missing_${node}`]: 'not found' };
        continue;
      }
      const major = spawnSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim();
      figures = { ...figures, ...startup(node, `node${major}_`, rounds) };
    }
    return figures;
  },
};
