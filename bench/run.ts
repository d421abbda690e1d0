/**
 * The benchmark CLI (`npm run bench`, `npm run bench -- W3 W7`): for each
 * selected workload a warm-up run, then the median of 5 runs, printed as one
 * JSON line (`{"name":"W1","node":"24.22.3","ns_per_op":…,"floor_ns_per_op":…,"ratio":…}`, or
 * `{"name":"W2","skipped":"…"}` while a dependency has not landed); then a
 * table. `--quick` or GREEN_BENCH_SCALE=0.01 scales the sizes down.
 * `--monitor=<seconds>` runs the workloads under the blocking monitor
 * (`startMonitor({ maxBlockingTime })`), to measure what it costs; workloads
 * that run in child processes (W5–W7) are not monitored.
 * GREEN_BENCH_NODE22 names a Node 22 binary for W6 (see w6-startup.ts).
 * Every line and the table header state the Node version: the bench runs on
 * whichever `node` runs it (`npm run bench` takes the first on PATH).
 * Figures are for comparison by ratio, never assertions (BENCH.md).
 *
 * @module
 */
import { startMonitor } from '../runtime/monitor.js';
import { measure, type Figures } from './harness.js';
import { workloads } from './workloads.js';

const USAGE = 'usage: node dist/bench/run.js [--quick] [--monitor=<seconds>] [W1 … W10]   (env GREEN_BENCH_SCALE=<factor>, GREEN_BENCH_NODES=<node,…>)';
const RUNS = 5;

const args = process.argv.slice(2);
const monitorArg = args.find((a) => a.startsWith('--monitor='));
const ids = args.filter((a) => a !== '--quick' && a !== monitorArg).map((a) => a.toUpperCase());
const unknown = ids.filter((id) => !workloads.some((w) => w.id === id));
const scale = args.includes('--quick') ? 0.01 : Number(process.env.GREEN_BENCH_SCALE ?? 1);
if (unknown.length > 0 || !(scale > 0 && Number.isFinite(scale))) {
  console.error(unknown.length > 0 ? `unknown workload ${unknown.join(', ')}` : `bad GREEN_BENCH_SCALE`, `\n${USAGE}`);
  process.exit(2);
}

/** Numbers to 4 significant digits, for reading and diffing. */
function rounded(figures: Figures): Figures {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(4)) : v]));
}

const maxBlockingTime = monitorArg === undefined ? null : Number(monitorArg.slice('--monitor='.length));
if (maxBlockingTime !== null && !(maxBlockingTime > 0 && Number.isFinite(maxBlockingTime))) {
  console.error(`bad ${monitorArg}: seconds > 0\n${USAGE}`);
  process.exit(2);
}
const monitor = maxBlockingTime === null ? null : startMonitor({ maxBlockingTime });

const rows: string[][] = [];
for (const workload of workloads.filter((w) => ids.length === 0 || ids.includes(w.id))) {
  let figures: Figures;
  try {
    figures = rounded(await measure(workload, { scale, runs: RUNS, warmup: true }));
  } catch (error) {
    figures = { error: String((error as Error).stack ?? error) };
    process.exitCode = 1;
  }
  console.log(JSON.stringify({ name: workload.id, node: process.versions.node, ...figures }));
  const cells = Object.entries(figures).map(([k, v]) => `${k}=${k === 'error' ? String(v).split('\n')[0] : v}`);
  rows.push([workload.id, workload.name, cells.join('  ')]);
}

const width = Math.max(...rows.map((r) => r[1]!.length));
await monitor?.stop();
const monitored = monitor ? `, blocking monitor on (maxBlockingTime ${monitor.maxBlockingTime} s)` : '';
console.log(`\nNode ${process.versions.node} (${process.execPath}), scale ${scale}, median of ${RUNS} runs after a warm-up${monitored}`);
for (const [id, name, cells] of rows) console.log(`${id!.padEnd(4)}${name!.padEnd(width + 2)}${cells}`);
