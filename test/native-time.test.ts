/**
 * Native `time`: sleep blocks the calling OS thread (main or worker) and
 * returns a resolved Promise; the clocks have the right types and directions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Thread } from '../shims/native/threading.js';
import { monotonic, perf_counter, sleep, time, time_ns } from '../shims/native/time.js';

test('sleep blocks the main thread: an immediate scheduled before it has not run when it returns', async () => {
  let ran = false;
  setImmediate(() => (ran = true));
  const result = sleep(0.02);
  assert.equal(ran, false);
  assert.ok(result instanceof Promise);
  assert.equal(await result, undefined);
  await sleep(0);
});

test('sleep blocks a native thread the same way', async () => {
  const out = new Int32Array(new SharedArrayBuffer(4));
  const t = new Thread({ target: { module: new URL('./fixtures/native/targets.js', import.meta.url), export: 'sleepBlocks' }, args: [out] });
  await t.start();
  await t.join();
  assert.equal(out[0], 1);
});

test('clocks: time/time_ns are epoch-based, monotonic/perf_counter never go back', () => {
  const wall = time();
  assert.ok(Math.abs(wall - Date.now() / 1000) < 5, 'time() is seconds since the epoch');
  const ns = time_ns();
  assert.equal(typeof ns, 'bigint');
  assert.ok(ns > BigInt(Math.floor(wall - 5)) * 1_000_000_000n);
  const a = monotonic();
  const b = perf_counter();
  const c = monotonic();
  assert.ok(a <= b && b <= c);
});

test('sleep rejects bad seconds at once', () => {
  assert.throws(() => sleep(-1), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => sleep(NaN), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => sleep('1' as never), { name: 'TypeError', message: /seconds/ });
  assert.throws(() => sleep(undefined as never), { name: 'TypeError', message: /seconds/ });
});
