/**
 * The blocking monitor: a block of the event loop longer than
 * maxBlockingTime is reported with the running greenlet and its stack, from
 * a watchdog worker (end to end: a child process blocks its own loop).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { InvalidState, startMonitor } from '../runtime/index.js';
import { SPAWN_SITES_ENV } from './helpers.js';

const fixture = fileURLToPath(new URL('../../test/fixtures/runtime/explain.mjs', import.meta.url));

function run(mode: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [fixture, mode], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, GREEN_SPAWN_SITES: '', ...env } });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { done: true });
  return r.stderr;
}

test('a greenlet that blocks the event loop is reported by name, with its stack, and the end of the block too', () => {
  const stderr = run('monitor', SPAWN_SITES_ENV);
  assert.match(stderr, /^green-loader monitor: the event loop has not turned for \d+\.\d\d s \(maxBlockingTime 0\.1 s\); taking its stack\n/);
  assert.match(stderr, /\ngreen-loader monitor: blocked in greenlet busy-worker \(spawned at [^\n]*explain\.mjs:\d+:\d+\)\n {4}at crunch \([^\n]*explain\.mjs:\d+:\d+\)\n {4}at busy \([^\n]*explain\.mjs:\d+:\d+\)\n/);
  assert.match(stderr, /\ngreen-loader monitor: the event loop turned again after about \d+\.\d\d s\n/);
  // The block lasts until its stack was read (see the fixture). A loaded machine may add a block of
  // its own (the loop starved of CPU), so what is counted is this block's report.
  assert.equal(stderr.split('blocked in greenlet busy-worker').length - 1, 1, 'one report per block');
});

test('a block in code outside any greenlet is reported as such', () => {
  const stderr = run('monitor-main');
  assert.match(stderr, /\ngreen-loader monitor: blocked in no greenlet \(main code\)\n {4}at crunch \([^\n]*explain\.mjs:\d+:\d+\)\n/);
});

test('without a monitor the same block is not reported', () => {
  assert.equal(run('unmonitored'), '');
});

test('startMonitor: one per thread; stop() is idempotent, leaves nothing behind and allows a new one; bad options are refused', async () => {
  const resources = process.getActiveResourcesInfo();
  const monitor = startMonitor({ maxBlockingTime: 5 });
  assert.equal(typeof (globalThis as Record<symbol, unknown>)[Symbol.for('green-loader.monitor.probe')], 'function');
  assert.equal(monitor.maxBlockingTime, 5);
  assert.throws(() => startMonitor(), (e: Error) => e instanceof InvalidState && /already runs \(maxBlockingTime 5\)/.test(e.message));
  const stopping = monitor.stop();
  assert.equal(monitor.stop(), stopping);
  await stopping;
  // The timer and the worker are unref'd (they never hold the process open), so this
  // mostly proves stop() added nothing; the probe's removal proves it ran.
  assert.deepEqual(process.getActiveResourcesInfo().filter((r) => !resources.includes(r)), []);
  assert.equal((globalThis as Record<symbol, unknown>)[Symbol.for('green-loader.monitor.probe')], undefined);
  const next = startMonitor();
  assert.equal(next.maxBlockingTime, 0.1);
  await next.stop();
  await monitor.stop();
  for (const bad of [0, -1, NaN, '1', Infinity]) {
    assert.throws(() => startMonitor({ maxBlockingTime: bad as never }), (e: Error) => (e instanceof RangeError || e instanceof TypeError) && /maxBlockingTime/.test(e.message), String(bad));
  }
  assert.throws(() => startMonitor(3 as never), TypeError);
});

test('in a worker thread, startMonitor and installRunInfoSignal refuse: only the main thread can be paused or signalled', async () => {
  const runtime = new URL('../runtime/index.js', import.meta.url).href;
  const source = `
    const { parentPort } = require('node:worker_threads');
    import(${JSON.stringify(runtime)}).then((rt) => {
      const codes = [() => rt.startMonitor(), () => rt.installRunInfoSignal()].map((f) => { try { f(); return 'none'; } catch (e) { return e.code + ': ' + e.message; } });
      parentPort.postMessage(codes);
    });`;
  const worker = new Worker(source, { eval: true });
  const [codes] = (await once(worker, 'message')) as [string[]];
  assert.match(codes[0]!, /^ERR_GREEN_INVALID_STATE: the blocking monitor watches the main thread/);
  assert.match(codes[1]!, /^ERR_GREEN_INVALID_STATE: signals reach the main thread only/);
  await worker.terminate();
});
