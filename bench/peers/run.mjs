/**
 * The peers' bench (`npm run bench:peers`, `npm run bench:peers -- W1 W3`):
 * W1-W4 and a worker-pool round trip with green-loader and with Effect 4,
 * Effection 4, p-limit, p-queue, async-mutex, async-sema, @esfx/async-mutex,
 * piscina and tinypool, in one run. Each run measures every library in a
 * process of its own (bench/peers/child.mjs: a warm-up, then a timed run),
 * libraries in rotating order; five runs (GREEN_BENCH_RUNS), and the figure
 * is the median with its min-max spread. The ratio to ours is the median of
 * the per-run ratios, so it compares figures taken side by side.
 *
 * The peers are installed on first use into bench/peers/node_modules (their
 * own package.json and lock file; never dependencies of green-loader), with
 * `npm install --prefix bench/peers`. `npm test` never runs this file: it
 * needs the registry the first time. `--quick` or GREEN_BENCH_SCALE=0.01
 * shrinks the sizes. Figures are for comparison, never assertions.
 *
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { libraries } from './libraries.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const USAGE = 'usage: node bench/peers/run.mjs [--quick] [W1 W2 W3 W4 POOL]   (env GREEN_BENCH_SCALE=<factor>, GREEN_BENCH_RUNS=<n>)';

/** The workloads: what one op is, and each library's sizes at `scale`. */
const WORKLOADS = [
  {
    id: 'W1',
    what: 'spawn 100k tasks, each sleep(0) once, join all (µs/task)',
    // Effection's sleep(0) is a timer each, hundreds of µs per task at 100k: a tenth of them.
    sizes: (s, library) => [n(library === 'effection 4' ? 10_000 : 100_000, s)],
    ops: ([k]) => k,
  },
  { id: 'W2', what: 'token ping-pong through 2 queues, 100k round trips (µs/switch)', sizes: (s) => [n(100_000, s)], ops: ([k]) => 2 * k },
  {
    id: 'W3',
    what: '1k tasks x 100 (acquire Semaphore(1); sleep(0); release) (µs/acquire)',
    sizes: (s) => [n(1000, s), 100],
    ops: ([tasks, rounds]) => tasks * rounds,
  },
  { id: 'W4', what: '1M items producer -> bounded queue(100) -> consumer (µs/item)', sizes: (s) => [n(1_000_000, s)], ops: ([k]) => k },
  {
    id: 'POOL',
    what: 'worker round trip one after another: pool.run(x), or a native Thread per job (µs/job)',
    // A native Thread boots a Worker per job (tens of ms): fewer of them.
    sizes: (s, library) => [library === 'green-loader' ? n(20, s) : n(2000, s)],
    ops: ([k]) => k,
  },
];

function n(full, scale) {
  return Math.max(2, Math.round(full * scale));
}

const args = process.argv.slice(2);
const ids = args.filter((a) => a !== '--quick').map((a) => a.toUpperCase());
const unknown = ids.filter((id) => !WORKLOADS.some((w) => w.id === id));
const scale = args.includes('--quick') ? 0.01 : Number(process.env.GREEN_BENCH_SCALE ?? 1);
const runs = Number(process.env.GREEN_BENCH_RUNS ?? 5);
if (unknown.length > 0 || !(scale > 0 && Number.isFinite(scale)) || !(Number.isInteger(runs) && runs > 0)) {
  console.error(unknown.length > 0 ? `unknown workload ${unknown.join(', ')}` : 'bad GREEN_BENCH_SCALE or GREEN_BENCH_RUNS', `\n${USAGE}`);
  process.exit(2);
}

/** Install the peers into bench/peers/node_modules when any is missing. */
function ensureInstalled() {
  const missing = Object.values(libraries)
    .map((l) => l.pkg)
    .filter((pkg) => pkg && !existsSync(`${here}node_modules/${pkg}/package.json`));
  if (missing.length === 0) return;
  console.error(`installing the peers (missing: ${missing.join(', ')}): npm install --prefix bench/peers`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--prefix', here, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm install failed: the peers need the npm registry once');
    process.exit(1);
  }
}

if (!existsSync(new URL('../../dist/bench/w1-spawn.js', import.meta.url))) {
  console.error('dist/ is not built: run npm run build (npm run bench:peers does)');
  process.exit(1);
}
ensureInstalled();

/** One child measurement: `{ ms }`, or `{ error }`. */
function measureOnce(library, id, sizes) {
  const child = spawn(process.execPath, [`${here}child.mjs`, library, id, ...sizes.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last));
      else resolve({ error: (err.trim().split('\n').find((l) => /Error|error/.test(l)) ?? `exit ${code}`).trim() });
    });
  });
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (v) => Number(v.toPrecision(4));
const names = Object.keys(libraries);
const rows = [];
const firsts = [];
for (const workload of WORKLOADS.filter((w) => ids.length === 0 || ids.includes(w.id))) {
  const taking = names.filter((name) => libraries[name].workloads.includes(workload.id));
  const perRun = new Map(taking.map((name) => [name, []]));
  const errors = new Map();
  for (let r = 0; r < runs; r++) {
    const order = taking.map((_, i) => taking[(i + r) % taking.length]);
    const thisRun = new Map();
    for (const name of order) {
      if (errors.has(name)) continue;
      const sizes = workload.sizes(scale, name);
      const result = await measureOnce(name, workload.id, sizes);
      if (result.error) errors.set(name, result.error);
      else thisRun.set(name, (result.ms * 1e6) / workload.ops(sizes));
    }
    const ours = thisRun.get('green-loader');
    for (const [name, ns] of thisRun) perRun.get(name).push({ ns, ratio: ours ? ns / ours : NaN });
  }
  const results = [];
  for (const name of taking) {
    const line = { name: workload.id, library: name, node: process.versions.node };
    const samples = perRun.get(name);
    if (errors.has(name) || samples.length === 0) {
      Object.assign(line, { error: errors.get(name) ?? 'no run' });
    } else {
      const ns = samples.map((s) => s.ns);
      Object.assign(line, {
        ns_per_op: round(median(ns)),
        min_ns_per_op: round(Math.min(...ns)),
        max_ns_per_op: round(Math.max(...ns)),
        ratio_to_ours: round(median(samples.map((s) => s.ratio))),
        runs: samples.length,
      });
    }
    console.log(JSON.stringify(line));
    results.push(line);
  }
  const measured = results.filter((l) => l.ns_per_op !== undefined).sort((a, b) => a.ns_per_op - b.ns_per_op);
  if (measured.length > 0) firsts.push(`${workload.id}: ${measured[0].library}`);
  rows.push({ workload, results });
}

const us = (ns) => { const v = ns / 1000; return v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3); };
console.log(`\nNode ${process.versions.node} (${process.execPath}), scale ${scale}, median of ${runs} runs; each run measures every library in a process of its own (a warm-up, then a timed run)`);
console.log(`${'id'.padEnd(6)}${'library'.padEnd(20)}${'µs/op'.padStart(10)}  ${'min-max'.padEnd(19)}${'÷ ours'.padStart(8)}`);
for (const { workload, results } of rows) {
  console.log(`${workload.id}: ${workload.what}`);
  for (const l of results) {
    const cells = l.error
      ? `failed: ${l.error}`
      : `${us(l.ns_per_op).padStart(10)}  ${`${us(l.min_ns_per_op)}-${us(l.max_ns_per_op)}`.padEnd(19)}${l.ratio_to_ours.toPrecision(3).padStart(8)}`;
    console.log(`${''.padEnd(6)}${l.library.padEnd(20)}${cells}`);
  }
}
console.log(`\nfirst (lowest median): ${firsts.join('; ')}`);
