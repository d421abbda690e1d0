/**
 * Smoke test of the benchmark harness: every workload runs once with a tiny
 * N through `measure` (W5–W7 spawn their own child processes), and the CLI
 * prints one JSON line per workload. Checks only that the documented figures
 * exist and are finite numbers, or that the workload reports why it is
 * `skipped` — never a duration or a ratio (BENCH.md: benchmarks are not tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { measure } from '../bench/harness.js';
import { workloads } from '../bench/workloads.js';

const SPEED = ['ns_per_op', 'floor_ns_per_op', 'ratio', 'floor_same_process_ns_per_op'];
const FIELDS: Record<string, string[]> = {
  W1: SPEED,
  W2: SPEED,
  W3: SPEED,
  W4: SPEED,
  W5: ['native_ms', 'green_ms', 'native_peak_rss_mb', 'green_peak_rss_mb', 'us_per_thread_start', 'warm_start_us'],
  W6: ['added_ms', 'threading_added_ms', 'ratio', 'ratio_plain'],
  W7: ['bytes_per_greenlet', 'floor_bytes_per_greenlet', 'ratio'],
  W8: ['max_timer_lateness_ms', 'p99_request_ms'],
  W9: ['us_per_thread', 'pool_round_trip_us', 'ratio', 'new_worker_us', 'worker_ratio'],
  W10: ['ns_per_item', 'floor_ns_per_item', 'ratio'],
};

test('every BENCH.md workload is in the harness', () => {
  assert.deepEqual(workloads.map((w) => w.id), Object.keys(FIELDS));
});

for (const workload of workloads) {
  test(`${workload.id} reports its figures at a tiny N (or why it is skipped)`, async () => {
    const figures = await measure(workload, { scale: 0.001, runs: 1, warmup: false });
    if ('skipped' in figures) {
      assert.equal(typeof figures.skipped, 'string');
      assert.ok(figures.skipped, 'a skip says why');
      return;
    }
    for (const field of FIELDS[workload.id]!) {
      const value = figures[field];
      assert.ok(typeof value === 'number' && Number.isFinite(value), `${workload.id}.${field} = ${value}`);
    }
  });
}

test('the CLI prints one JSON line per selected workload, with the Node version, and rejects unknown ones', () => {
  const run = fileURLToPath(new URL('../bench/run.js', import.meta.url));
  const env = { ...process.env, GREEN_BENCH_SCALE: '0.001' };
  const ok = spawnSync(process.execPath, [run, 'W1', 'w3'], { env, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  const lines = ok.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { name: string; node: string });
  assert.deepEqual(lines.map((l) => l.name), ['W1', 'W3']);
  assert.deepEqual(lines.map((l) => l.node), [process.versions.node, process.versions.node], 'every line names the Node it ran on');
  assert.match(ok.stdout, new RegExp(`^Node ${process.versions.node.replaceAll('.', '\\.')} `, 'm'), 'so does the table header');
  const bad = spawnSync(process.execPath, [run, 'W99'], { env, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown workload W99/);
});
