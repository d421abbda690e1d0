/**
 * The hub: scheduling order, fairness towards timers and I/O, join, live
 * greenlet accounting, error reporting (in a child process, where stderr and
 * unhandledRejection can be watched) and LoopExit at process exit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Event, getHub, Greenlet, Hub, InvalidState, LoopExit, sleep, spawn } from '../runtime/index.js';
import { recordHubErrors, SPAWN_SITES_ENV } from './helpers.js';

const hub = getHub();

const reported = recordHubErrors();

const fixture = (name: string): string => fileURLToPath(new URL(`../../test/fixtures/runtime/${name}`, import.meta.url));

/** Run a fixture with node; return its exit status, stderr and parsed last stdout line. */
function run(name: string, args: string[] = [], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [fixture(name), ...args], {
    encoding: 'utf8',
    timeout: 10_000,
    env: { ...process.env, GREEN_SPAWN_SITES: '', ...env },
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let out: any = null;
  try {
    out = JSON.parse(last);
  } catch {
    // not JSON: leave null, the test will say so
  }
  return { status: r.status, signal: r.signal, stderr: r.stderr, stdout: r.stdout, out };
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

// ---------------------------------------------------------------------------
// order and fairness

test('getHub() is one hub; its main pseudo-greenlet never dies', () => {
  assert.equal(getHub(), hub);
  assert.ok(hub instanceof Hub);
  assert.equal(hub.main.dead, false);
  assert.equal(hub.main.started, true);
});

test('greenlets spawned in order run in order; sleep(0) round-robins them', async () => {
  const log: string[] = [];
  const body = async (tag: string) => {
    for (let i = 0; i < 3; i++) {
      log.push(tag);
      await sleep(0);
    }
  };
  const gs = ['a', 'b', 'c'].map((t) => spawn(body, t));
  for (const g of gs) await g.join();
  assert.deepEqual(log.join(''), 'abcabcabc');
});

test('schedule runs callbacks FIFO, with their argument, also past the initial queue capacity', async () => {
  const seen: number[] = [];
  const push = (n: number) => seen.push(n);
  const N = 3000; // more than the initial ring buffer (1024): it grows, order kept
  for (let i = 0; i < N; i++) hub.schedule(push, i);
  assert.equal(seen.length, 0, 'not run synchronously');
  while (seen.length < N) await sleep(0);
  assert.deepEqual(seen, Array.from({ length: N }, (_, i) => i));
});

test('a throwing hub callback is reported with greenlet null and does not stop the next ones', async () => {
  const err = new Error('callback broke');
  const log: string[] = [];
  hub.schedule(() => log.push('first'), undefined);
  hub.schedule(() => {
    throw err;
  }, undefined);
  hub.schedule(() => log.push('third'), undefined);
  await sleep(0);
  await sleep(0);
  assert.deepEqual(log, ['first', 'third']);
  assert.deepEqual(reported, [{ greenlet: null, error: err }]);
});

/** A generous bound that only a starved event loop reaches: the spinners below stop at it, and then fail. */
const STARVED_AFTER_MS = 10_000;

test('fairness: a greenlet looping sleep(0) does not starve a 1 ms setInterval nor setImmediate', async () => {
  let ticks = 0;
  let immediates = 0;
  const interval = setInterval(() => ticks++, 1);
  setImmediate(() => immediates++);
  const spinner = spawn(async () => {
    // Keep yielding with sleep(0) (never a timer of its own) until the event loop has run
    // the interval three times and the immediate, all while this greenlet was spinning.
    const before = ticks;
    const giveUp = performance.now() + STARVED_AFTER_MS;
    let spins = 0;
    while ((ticks < before + 3 || immediates === 0) && performance.now() < giveUp) {
      await sleep(0);
      spins++;
    }
    return { spins, ticks: ticks - before };
  });
  const seen = await spinner.get();
  clearInterval(interval);
  assert.ok(seen.spins > 1, 'it did spin');
  assert.ok(seen.ticks >= 3, `the interval fired while the greenlet spun (ticks=${seen.ticks})`);
  assert.equal(immediates, 1);
});

test('fairness: two greenlets looping sleep(0) do not starve timers either', async () => {
  let ticks = 0;
  const interval = setInterval(() => ticks++, 1);
  const body = async (): Promise<number> => {
    const before = ticks;
    const giveUp = performance.now() + STARVED_AFTER_MS;
    while (ticks < before + 3 && performance.now() < giveUp) await sleep(0);
    return ticks - before;
  };
  const a = spawn(body);
  const b = spawn(body);
  const seen = [await a.get(), await b.get()];
  clearInterval(interval);
  for (const n of seen) assert.ok(n >= 3, `the interval fired while both spun (ticks=${seen})`);
});

test('a long queue of ready callbacks gives the event loop a turn once switchInterval has passed', async () => {
  const saved = hub.switchInterval;
  hub.switchInterval = 0;
  try {
    let immediateRan = false;
    const sawImmediate: boolean[] = [];
    setImmediate(() => {
      immediateRan = true;
    });
    const record = () => {
      const t = performance.now();
      while (performance.now() === t); // let the clock move: each callback takes > 0 ms
      sawImmediate.push(immediateRan);
    };
    for (let i = 0; i < 200; i++) hub.schedule(record, undefined);
    while (sawImmediate.length < 200) await sleep(0);
    assert.equal(sawImmediate[0], false);
    assert.equal(sawImmediate[199], true, 'the immediate ran before the queue was drained');
  } finally {
    hub.switchInterval = saved;
  }
});

// ---------------------------------------------------------------------------
// join and liveGreenlets

test('liveGreenlets counts started, not yet dead greenlets', async () => {
  const base = hub.liveGreenlets;
  const g = new Greenlet(() => sleep(0));
  assert.equal(hub.liveGreenlets, base, 'not started: not live');
  g.start();
  assert.equal(hub.liveGreenlets, base + 1);
  const stop = new Event();
  const h = spawn(() => stop.wait());
  assert.equal(hub.liveGreenlets, base + 2);
  await g.join();
  assert.equal(hub.liveGreenlets, base + 1);
  stop.set();
  await h.join();
  assert.equal(hub.liveGreenlets, base);
});

test('hub.join: true at once when none are left, false on timeout, true once all finished', async () => {
  assert.equal(await hub.join(), true);
  const stop = new Event();
  const g = spawn(() => stop.wait());
  const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  assert.equal(await hub.join(0.005), false);
  assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, before, 'no timer left');
  assert.equal(hub.main._waitHead, null, 'no waiter left');
  const joining = hub.join();
  const other = spawn(async () => {
    await sleep(0);
    stop.set();
  });
  assert.equal(await joining, true);
  assert.ok(g.dead && other.dead);
});

test('hub.join() from inside a greenlet rejects with InvalidState instead of waiting for itself', async () => {
  const g = spawn(async () => {
    await assert.rejects(hub.join(), (e: unknown) => e instanceof InvalidState && /outside any greenlet/.test(e.message));
    return 'ok';
  });
  assert.equal(await g.get(), 'ok');
});

test('hub.join checks its argument', async () => {
  await assert.rejects(async () => hub.join(-1), { name: 'RangeError', message: /timeout/ });
  await assert.rejects(async () => hub.join('1' as never), { name: 'TypeError', message: /timeout/ });
});

// ---------------------------------------------------------------------------
// error reporting (default handleError, in process: stderr intercepted)

function captureStderr<T>(fn: () => T): { result: T; text: string } {
  const write = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { result: fn(), text };
  } finally {
    process.stderr.write = write;
  }
}

test('default handleError: prints hub-callback errors, a LoopExit only once, never GreenletExit; printExceptions=false silences', async () => {
  delete (hub as { handleError?: unknown }).handleError;
  const { GreenletExit } = await import('../runtime/index.js');
  let r = captureStderr(() => hub.handleError(null, new RangeError('from a callback')));
  assert.match(r.text, /RangeError: from a callback\n/);
  assert.match(r.text, /A hub callback failed with RangeError\n\n$/);

  r = captureStderr(() => hub.handleError(null, new GreenletExit()));
  assert.equal(r.text, '');

  const exit = new LoopExit('stuck');
  r = captureStderr(() => {
    hub.handleError(null, exit);
    hub.handleError(null, exit);
  });
  assert.equal(count(r.text, 'failed with LoopExit'), 1);
  r = captureStderr(() => hub.handleError(null, new LoopExit('another one')));
  assert.equal(count(r.text, 'failed with LoopExit'), 1, 'a different LoopExit is printed');

  r = captureStderr(() => hub.handleError(null, 42));
  assert.match(r.text, /^42\nA hub callback failed with number/);

  hub.printExceptions = false;
  r = captureStderr(() => hub.handleError(null, new Error('quiet')));
  assert.equal(r.text, '');
});

test('default handleError survives values that cannot be stringified', () => {
  delete (hub as { handleError?: unknown }).handleError;
  const bare = Object.create(null);
  const badToString = { toString() { throw new Error('no toString'); } };
  const badStack = new Error('odd');
  Object.defineProperty(badStack, 'stack', { get() { throw new Error('no stack'); } });
  Object.defineProperty(badStack, 'name', { get() { throw new Error('no name'); } });
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  for (const value of [bare, badToString, badStack, proxy, Symbol('s'), null]) {
    const r = captureStderr(() => hub.handleError(null, value));
    assert.match(r.text, /\nA hub callback failed with \S+\n\n$/, String(typeof value));
  }
  assert.match(captureStderr(() => hub.handleError(null, bare)).text, /null prototype/);
  assert.match(captureStderr(() => hub.handleError(null, badStack)).text, /odd/);
  assert.match(captureStderr(() => hub.handleError(null, null)).text, /^null\nA hub callback failed with null\n/);
});

test('hub.switchInterval refuses what is not a finite number of seconds >= 0', () => {
  const saved = hub.switchInterval;
  try {
    for (const bad of [NaN, -1, Infinity]) assert.throws(() => (hub.switchInterval = bad), { name: 'RangeError', message: /switchInterval/ });
    for (const bad of ['0.1', null, undefined]) assert.throws(() => (hub.switchInterval = bad as never), { name: 'TypeError', message: /switchInterval/ });
    assert.equal(hub.switchInterval, saved, 'a refused value changes nothing');
    hub.switchInterval = 0.01;
    assert.equal(hub.switchInterval, 0.01);
  } finally {
    hub.switchInterval = saved;
  }
});

// ---------------------------------------------------------------------------
// error reporting in a child process

test('a failing greenlet is printed once to stderr (name, stack), GreenletExit is not, no unhandledRejection', () => {
  const r = run('report-error.mjs');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.out, {
    unhandled: 0,
    calls: [],
    statuses: ['rejected', 'rejected', 'fulfilled'],
    killedOk: true,
    quitterOk: true,
  });
  assert.equal(count(r.stderr, 'Error: boom from the worker'), 1);
  assert.match(r.stderr, /Error: boom from the worker\n\s+at .*report-error\.mjs:\d+/, 'the stack');
  assert.equal(count(r.stderr, 'the-worker ('), 1);
  assert.match(r.stderr, /the-worker \(spawned [^\n]*\) failed with Error\n/);
  assert.match(r.stderr, /a bare string\nthe-odd-one \(spawned [^\n]*\) failed with string\n/);
  for (const quiet of ['GreenletExit', 'the-killed-one', 'the-quitter', 'quits by itself']) {
    assert.ok(!r.stderr.includes(quiet), `${quiet} must not be printed`);
  }
});

test('with spawn sites on (GREEN_SPAWN_SITES=1 under the loader), the report names where the greenlet was spawned', () => {
  const r = run('report-error.mjs', [], SPAWN_SITES_ENV);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.out?.unhandled, 0);
  assert.match(r.stderr, /the-worker \(spawned at failingWorker \(file:\/\/\S*report-error\.mjs:\d+:\d+\)\) failed with Error/);
});

test('without the loader the runtime reads no environment: GREEN_SPAWN_SITES alone changes nothing', () => {
  const r = run('report-error.mjs', [], { GREEN_SPAWN_SITES: '1' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /the-worker \(spawned by \S+\) failed with Error/);
  assert.doesNotMatch(r.stderr, /spawned at/);
});

test('hub.printExceptions = false silences the reports', () => {
  const r = run('report-error.mjs', ['silent']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.out?.unhandled, 0);
  assert.equal(r.stderr, '');
});

test('hub.handleError may be replaced by assignment', () => {
  const r = run('report-error.mjs', ['replaced']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.out?.unhandled, 0);
  assert.deepEqual([...r.out.calls].sort(), ['the-odd-one: a bare string', 'the-worker: boom from the worker']);
});

test('a replaced hub.handleError that throws does not leave the failed greenlet live, unjoined or unlinked', () => {
  const r = run('report-error.mjs', ['throwing']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.out, { joined: true, live: 0, linked: 1, dead: true, unhandledMessages: ['the handler broke'] });
});

test('a replaced handleError that throws does not stall the hub: queued greenlets run, every link fires, never fed its own error', () => {
  const r = run('handler-throws.mjs');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.out, {
    ran: ['second', 'third'],
    links: [1, 2],
    handled: ['boom', 'a link broke'],
    uncaught: ['the handler broke', 'the handler broke'],
    live: 0,
  });
});

// ---------------------------------------------------------------------------
// LoopExit

test('LoopExit: blocked greenlets are named with what they wait on, oldest first, printed once; hub.join() resolves true; exit code 1', () => {
  const r = run('loop-exit.mjs', ['greenlets']);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(r.out, {
    joined: true,
    unhandled: 0,
    dead: [true, true],
    exceptions: ['LoopExit', 'LoopExit'],
    same: true,
    live: 0,
  });
  assert.equal(count(r.stderr, 'This operation would block forever'), 1);
  assert.equal(count(r.stderr, 'failed with LoopExit'), 1);
  assert.match(r.stderr, /\n {2}stuck-on-event waits in Event\.wait\n {2}stuck-in-waitFor waits in waitFor on Promise\n/);
  assert.match(r.stderr, /\n {2}\(GREEN_SPAWN_SITES=1 shows where each waits\)\n/);
});

test('LoopExit with spawn sites on: each wait names where in the user code it began', () => {
  const r = run('loop-exit.mjs', ['greenlets'], SPAWN_SITES_ENV);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /\n {2}stuck-on-event waits in Event\.wait at [^\n]*loop-exit\.mjs:\d+:\d+\)?\n/);
  assert.match(r.stderr, /\n {2}stuck-in-waitFor waits in waitFor on Promise at [^\n]*loop-exit\.mjs:\d+:\d+\)?\n/);
  assert.match(r.stderr, /\nstuck-on-event \(spawned at [^\n]*loop-exit\.mjs:\d+:\d+\) failed with LoopExit\n/);
  assert.ok(!r.stderr.includes('GREEN_SPAWN_SITES=1 shows'), r.stderr);
});

test('LoopExit between green threads: the user-facing classes, spawn order, one report, no excepthook, exit code 1', () => {
  const r = run('loop-exit.mjs', ['threads'], SPAWN_SITES_ENV);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(count(r.stderr, 'This operation would block forever'), 1, r.stderr);
  assert.ok(!r.stderr.includes('Exception in thread'), r.stderr);
  assert.match(r.stderr, /\n {2}first waits in Lock\.acquire at first \(\S*loop-exit\.mjs:\d+:\d+\)\n {2}Thread-1 \(second\) waits in Lock\.acquire at second \(\S*loop-exit\.mjs:\d+:\d+\)\nfirst /);
  assert.ok(!r.stderr.includes('background'), 'the daemon thread is abandoned silently, not reported');
});

test('LoopExit: a daemon green thread blocked at exit ends quietly, as Python abandons it: exit code 0', () => {
  const r = run('loop-exit.mjs', ['daemon']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
});

test('LoopExit: a wait for an RLock names its owner', () => {
  const r = run('loop-exit.mjs', ['rlock']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /\n {2}holder waits in Event\.wait\n {2}wanter waits in RLock\.acquire \(held by holder\)\n/);
});

test('LoopExit: only the printed waits are described and no greenlet is given a name by the report', () => {
  const r = run('loop-exit.mjs', ['counted']);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.out?.asked, 20, r.stdout);
  assert.match(r.out.message, /\n {2}Greenlet #1 waits in Counted\.poke #1\n {2}Greenlet #2 waits in Counted\.poke #2\n/);
  // Named only when the program first reads the names, in that order: the report assigned none (1 is the main greenlet's).
  assert.deepEqual(r.out.idents, Array.from({ length: 25 }, (_, i) => i + 2));
});

test('LoopExit: a greenlet that catches its LoopExit ends well: exit code 0', () => {
  const r = run('loop-exit.mjs', ['caught']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.out, { caught: 'LoopExit' });
});

test('LoopExit: the message lists at most 20 waits and counts the rest', () => {
  const r = run('loop-exit.mjs', ['many']);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.out?.allDead, true);
  assert.equal(r.out.lines, 23);
  assert.match(r.out.message, /\n {2}Greenlet #20 waits in Event\.wait\n {2}… and 5 more\n {2}\(GREEN_SPAWN_SITES=1 shows where each waits\)$/);
});

test('LoopExit: a greenlet awaiting a foreign promise outside switch points is explained', () => {
  const r = run('loop-exit.mjs', ['idle']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /LoopExit: This operation would block forever/);
  assert.match(r.stderr, /main waits in get on awaits-foreign/);
  assert.match(r.stderr, /awaits-foreign awaits a promise outside any switch point/);
});

test('LoopExit: a join that ends quietly (false) still gets the explanation printed once, and exit code 1', () => {
  const r = run('loop-exit.mjs', ['quiet']);
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout), { joined: false });
  assert.equal(r.stderr.match(/LoopExit: This operation would block forever/g)?.length, 1, r.stderr);
  assert.match(r.stderr, /main waits in join on awaits-foreign/);
  assert.match(r.stderr, /The program failed with LoopExit/);
});

test('LoopExit: a main-only wait rejects the top-level await: exit code 1 with the message', () => {
  const r = run('loop-exit.mjs', ['main']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /LoopExit: This operation would block forever[^\n]*\n {2}main waits in Event\.wait\n/);
  assert.match(r.stderr, /code: 'ERR_GREEN_LOOP_EXIT'/);
  assert.ok(!r.stdout.includes('unreachable'));
});
