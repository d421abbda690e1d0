/**
 * Green `time`: sleep yields to the hub (timers and other greenlets run
 * meanwhile, where the native sleep blocks), the clocks are the native ones,
 * bad arguments fail fast, `__implements__` is exactly `['sleep']`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from '../runtime/index.js';
import { facade } from '../shims/shared/live-facades.js';
import * as green from '../shims/green/time.js';
import * as native from '../shims/native/time.js';
import '../shims/time.js';

test('sleep lets other greenlets and timers run meanwhile', async () => {
  let woke = false;
  spawn(async () => {
    await green.sleep(0.005);
    woke = true;
  });
  assert.equal(await green.sleep(0.05), undefined);
  assert.equal(woke, true, 'a shorter sleep in another greenlet finished during ours');
});

test('native sleep blocks the OS thread: the same scenario does not wake the other greenlet', async () => {
  let woke = false;
  spawn(async () => {
    await green.sleep(0.005);
    woke = true;
  });
  await green.sleep(0); // let it start its timer
  await native.sleep(0.05);
  assert.equal(woke, false);
  await green.sleep(0.05);
  assert.equal(woke, true);
});

test('sleep(0) yields once to every ready greenlet', async () => {
  const order: string[] = [];
  spawn(() => void order.push('other'));
  await green.sleep(0);
  order.push('me');
  assert.deepEqual(order, ['other', 'me']);
});

test('the clocks are the native ones', () => {
  assert.equal(green.time, native.time);
  assert.equal(green.monotonic, native.monotonic);
  assert.equal(green.perf_counter, native.perf_counter);
  assert.equal(green.time_ns, native.time_ns);
  assert.equal(typeof green.time_ns(), 'bigint');
  const a = green.monotonic();
  assert.ok(green.monotonic() >= a);
});

test('bad arguments fail fast, naming the argument', () => {
  assert.throws(() => green.sleep(undefined as never), (e: unknown) => e instanceof TypeError && /seconds/.test((e as Error).message));
  assert.throws(() => green.sleep('1' as never), TypeError);
  assert.throws(() => green.sleep(-1), RangeError);
  assert.throws(() => green.sleep(Number.NaN), RangeError);
  assert.throws(() => green.sleep(1e10), /seconds value is too large/);
});

test('__implements__ is exactly sleep', () => {
  assert.equal(green.__target__, 'time');
  assert.deepEqual(green.__implements__, ['sleep']);
  const names = Object.keys(facade('time')!.current);
  for (const name of names.filter((n) => n !== 'sleep')) {
    assert.equal((green as Record<string, unknown>)[name], (native as Record<string, unknown>)[name], name);
  }
  assert.notEqual(green.sleep, native.sleep);
});
