/**
 * Run info: every live greenlet as data and as text, read without side
 * effects, and printed on a signal from outside the process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Event, formatRunInfo, getHub, installRunInfoSignal, spawn, spawnLater, waitFor } from '../runtime/index.js';
import { settle } from './helpers.js';

const hub = getHub();
const fixture = fileURLToPath(new URL('../../test/fixtures/runtime/explain.mjs', import.meta.url));

test('runInfo: live greenlets oldest first with state, spawner, waits and function; reading assigns no name', async () => {
  const ev = new Event();
  let inner: ReturnType<typeof spawn> | undefined;
  const waiting = spawn(async function waitsForEvent() {
    inner = spawn(function spawnedInside() {
      return ev.wait();
    });
    await ev.wait();
  });
  waiting.name = 'waiting';
  const later = spawnLater(60, function notYet() {});
  let release!: () => void;
  const foreign = spawn(() => waitForeign(new Promise<void>((r) => (release = r))));
  let fromInside: ReturnType<typeof hub.runInfo> = [];
  const asking = spawn(async () => {
    fromInside = hub.runInfo();
  });
  await settle();
  const info = hub.runInfo();
  const mine = info.filter((g) => [waiting, later, foreign, inner].includes(g.greenlet));
  assert.deepEqual(
    mine.map(({ name, state, spawner, function: fn, waits }) => ({ name, state, spawner, fn, waits })),
    [
      { name: 'waiting', state: 'waiting', spawner: 'main', fn: 'waitsForEvent', waits: [{ on: 'Event.wait', site: null }] },
      { name: `Greenlet #${later._serial} (notYet)`, state: 'scheduled', spawner: 'main', fn: 'notYet', waits: [] },
      { name: `Greenlet #${foreign._serial}`, state: 'running', spawner: 'main', fn: null, waits: [] },
      { name: `Greenlet #${inner!._serial} (spawnedInside)`, state: 'waiting', spawner: 'waiting', fn: 'spawnedInside', waits: [{ on: 'Event.wait', site: null }] },
    ],
  );
  assert.ok(mine.every((g, i) => i === 0 || g.serial > mine[i - 1]!.serial), 'spawn order');
  assert.equal(fromInside.find((g) => g.greenlet === asking)?.state, 'current');
  // Plain JSON: the greenlet itself is not enumerable.
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(mine[0]))), ['serial', 'name', 'state', 'spawner', 'function', 'waits', 'spawnSite']);
  // Reading it twice gives the same names: the report named nobody.
  assert.deepEqual(hub.runInfo().filter((g) => mine.some((m) => m.greenlet === g.greenlet)).map((g) => g.name), mine.map((g) => g.name));
  ev.set();
  release();
  await later.kill();
  await hub.join();
  assert.deepEqual(hub.runInfo(), []);
});

async function waitForeign(p: Promise<void>): Promise<void> {
  await p; // not a switch point: the greenlet is "running"
}

test('runInfo with sites recorded: where each greenlet was spawned and where it waits', async () => {
  const ev = new Event();
  hub.captureSpawnSites = true;
  let g: ReturnType<typeof spawn>;
  try {
    g = spawn(() => ev.wait());
    await settle(); // its wait begins on its first turn, while sites are still recorded
  } finally {
    hub.captureSpawnSites = false;
  }
  const [info] = hub.runInfo();
  assert.match(info!.spawnSite ?? '', /run-info\.test\.js:\d+:\d+/);
  assert.match(info!.waits[0]!.site ?? '', /run-info\.test\.js:\d+:\d+/);
  assert.match(formatRunInfo(), /\n {4}waits in Event\.wait at [^\n]*run-info\.test\.js:\d+:\d+\)?\n {4}spawned at [^\n]*run-info\.test\.js/);
  ev.set();
  await g.join();
});

test('runInfo: main is listed first while it waits; limit keeps the oldest; formatRunInfo says how many are shown', async () => {
  const ev = new Event();
  const a = spawn(() => ev.wait());
  a.name = 'a';
  const b = spawn(() => ev.wait());
  b.name = 'b';
  await settle();
  const mainWaits = waitFor(new Promise<void>((resolve) => setTimeout(resolve, 20)));
  const info = hub.runInfo();
  assert.deepEqual(info.map((g) => [g.serial, g.name, g.spawner]), [[0, 'main', null], [a._serial, 'a', 'main'], [b._serial, 'b', 'main']]);
  assert.equal(info[0]!.waits[0]!.on, 'waitFor on Promise');
  assert.deepEqual(hub.runInfo({ limit: 2 }).map((g) => g.name), ['main', 'a']);
  const text = formatRunInfo(hub.runInfo({ limit: 2 }));
  assert.match(text, new RegExp(`^Run info \\(pid ${process.pid}\\): 1 of 2 live greenlets, oldest first\\n`));
  assert.match(text, /\n {2}main: waiting\n {4}waits in waitFor on Promise\n {2}a: waiting, spawned by main\n {4}waits in Event\.wait\n/);
  assert.match(text, /\(GREEN_SPAWN_SITES=1 shows where each was spawned and waits\)\n$/);
  await mainWaits;
  assert.match(formatRunInfo(), /: 2 live greenlets, oldest first\n {2}a: waiting/);
  ev.set();
  await hub.join();
  assert.match(formatRunInfo(), /: 0 live greenlets, oldest first\n/);
});

test('captureSpawnSites takes a boolean only', () => {
  assert.throws(() => (hub.captureSpawnSites = 1 as never), (e: Error) => e instanceof TypeError && /captureSpawnSites/.test(e.message));
  assert.equal(hub.captureSpawnSites, false);
});

test('runInfo: bad options are refused', () => {
  assert.throws(() => hub.runInfo({ limit: -1 }), RangeError);
  assert.throws(() => hub.runInfo({ limit: 1.5 }), /limit/);
  assert.throws(() => hub.runInfo(7 as never), TypeError);
});

test('installRunInfoSignal: refuses uncatchable, reserved and unknown signals', () => {
  for (const bad of ['SIGKILL', 'SIGSTOP', 'SIGUSR1', 'SIGNOPE', 42, null]) {
    assert.throws(() => installRunInfoSignal(bad as never), (e: Error) => e instanceof RangeError && /signal must be a catchable signal name/.test(e.message), String(bad));
  }
});

test('installRunInfoSignal: idempotent per signal; the returned function removes the handler', () => {
  const before = process.listenerCount('SIGUSR2');
  const uninstall = installRunInfoSignal();
  assert.equal(installRunInfoSignal('SIGUSR2'), uninstall);
  assert.equal(process.listenerCount('SIGUSR2'), before + 1);
  uninstall();
  uninstall();
  assert.equal(process.listenerCount('SIGUSR2'), before);
  const again = installRunInfoSignal('SIGUSR2');
  assert.notEqual(again, uninstall);
  again();
  assert.equal(process.listenerCount('SIGUSR2'), before);
});

test('a process with installRunInfoSignal prints its run info on SIGUSR2', () => {
  const r = spawnSync(process.execPath, [fixture, 'signal'], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, GREEN_SPAWN_SITES: '' } });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { done: true });
  assert.match(r.stderr, /^Run info \(pid \d+\): 2 live greenlets, oldest first\n/);
  assert.match(r.stderr, /\n {2}waiter: waiting, spawned by main\n {4}waits in Event\.wait\n {2}Greenlet #2 \(child\): waiting, spawned by waiter\n {4}waits in Event\.wait\n/);
});

test('under the loader, GREEN_RUN_INFO=1 installs the SIGUSR2 handler and GREEN_MONITOR=<s> the blocking monitor', () => {
  const preload = fileURLToPath(new URL('../loader/preload.js', import.meta.url));
  const env = { ...process.env, GREEN_SPAWN_SITES: '', GREEN_PATCH: 'none', NODE_OPTIONS: '' };
  const signalled = spawnSync(process.execPath, ['--import', preload, fixture, 'signal-env'], { encoding: 'utf8', timeout: 10_000, env: { ...env, GREEN_RUN_INFO: '1' } });
  assert.equal(signalled.status, 0, signalled.stderr);
  assert.match(signalled.stderr, /^Run info \(pid \d+\): 2 live greenlets, oldest first\n/);
  const monitored = spawnSync(process.execPath, ['--import', preload, fixture, 'monitor-env'], { encoding: 'utf8', timeout: 15_000, env: { ...env, GREEN_MONITOR: '0.1' } });
  assert.equal(monitored.status, 0, monitored.stderr);
  assert.match(monitored.stderr, /green-loader monitor: blocked in greenlet busy-worker/);
  const quiet = spawnSync(process.execPath, ['--import', preload, fixture, 'monitor-env'], { encoding: 'utf8', timeout: 15_000, env });
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stderr, /monitor/);
});
