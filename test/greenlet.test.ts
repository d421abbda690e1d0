/**
 * Greenlet: spawn/start semantics, state, join/get/kill, links, signal, and
 * getCurrent() across foreign awaits. Every test leaves no live greenlet
 * behind (checked after each test) and never asserts a duration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  Event,
  getCurrent,
  getHub,
  Greenlet,
  GreenletExit,
  InvalidState,
  joinAll,
  sleep,
  spawn,
  spawnLater,
  Timeout,
  waitFor,
} from '../runtime/index.js';
import { deferred, fails, recordHubErrors, timers } from './helpers.js';

const hub = getHub();
const THIS_FILE = fileURLToPath(import.meta.url);

/** Errors the hub reported during the current test, in order. */
const reported = recordHubErrors();

const isExit = (v: unknown): boolean => v instanceof GreenletExit;

/** Let the hub run a few turns (links fire from the hub). */
async function turns(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await sleep(0);
}

// ---------------------------------------------------------------------------
// spawn / start / startLater / spawnLater

test('spawn never runs the body synchronously; it runs on the next hub turn', async () => {
  const log: string[] = [];
  const g = spawn(() => {
    log.push('body');
  });
  log.push('after spawn');
  assert.equal(g.started, true);
  assert.equal(g.dead, false);
  assert.deepEqual(log, ['after spawn']);
  await sleep(0); // main queues behind g: g runs first (FIFO)
  assert.deepEqual(log, ['after spawn', 'body']);
  assert.equal(await g.join(), true);
});

test('Greenlet.spawn and new Greenlet + start pass the arguments; start twice is a no-op', async () => {
  let runs = 0;
  const g = new Greenlet((a: number, b: string) => {
    runs++;
    return `${b}${a}`;
  }, 4, 'x');
  assert.equal(g.started, false);
  assert.deepEqual(g.args, [4, 'x']);
  g.start();
  g.start();
  assert.equal(g.started, true);
  assert.equal(await g.get(), 'x4');
  g.start(); // dead: still a no-op
  await turns();
  assert.equal(runs, 1);
  assert.equal(g.started, true, 'started stays true after death');

  const h = Greenlet.spawn(async (n: number) => n * 2, 21);
  assert.equal(await h.get(), 42);

  // Every count of arguments, through each way of making one.
  const all = (...a: unknown[]) => a;
  for (const args of [[], [undefined], [1, 'two'], [1, 'two', { three: 3 }]]) {
    for (const g of [Greenlet.spawn(all, ...args), spawn(all, ...args), new Greenlet(all, ...args)]) {
      g.start();
      assert.deepEqual(g.args, args);
      assert.deepEqual(await g.get(), args);
    }
  }
});

test('startLater and spawnLater start from a timer, not on the next turn; the shorter delay first', async () => {
  const log: string[] = [];
  // A delay no stall of a loaded machine reaches: if it ran on a hub turn, it ran without its timer.
  const armed = timers();
  const distant = new Greenlet((tag: string) => log.push(tag), 'distant');
  distant.startLater(3600);
  assert.equal(distant.started, true);
  distant.start(); // already started: no-op, does not make it start now
  assert.equal(timers(), armed + 1, 'its start waits on a timer');
  await turns(5);
  assert.equal(log.length, 0, 'nothing ran on the next hub turns');
  assert.equal(distant.dead, false);
  await distant.kill();
  assert.equal(timers(), armed, 'kill disarmed it');

  // Two timers armed in one synchronous stretch fire in the order of their delays.
  const g = new Greenlet((tag: string) => log.push(tag), 'g');
  g.startLater(0.01);
  const late = spawnLater(0.005, (tag: string) => log.push(tag), 'late');
  assert.deepEqual(late.args, ['late']);
  await g.join();
  await late.join();
  assert.deepEqual(log, ['late', 'g'], 'the shorter delay runs first');
  assert.equal(late.value, 1);
});

test('state of a successful and of a failed greenlet', async () => {
  const ok = spawn(async () => {
    await sleep(0);
    return 'v';
  });
  assert.equal(ok.ready(), false);
  assert.equal(ok.successful(), false);
  assert.equal(ok.value, undefined);
  await ok.join();
  assert.equal(ok.dead, true);
  assert.equal(ok.ready(), true);
  assert.equal(ok.successful(), true);
  assert.equal(ok.value, 'v');
  assert.equal(ok.exception, undefined);

  const err = new Error('boom');
  const bad = spawn(() => {
    throw err; // a synchronous throw from a plain function
  });
  await bad.join();
  assert.equal(bad.dead, true);
  assert.equal(bad.successful(), false);
  assert.equal(bad.exception, err);
  assert.equal(bad.value, undefined);
  assert.deepEqual(reported, [{ greenlet: bad, error: err }], 'reported once, with the greenlet');
});

test('name defaults to Greenlet-<minimalIdent>; idents are small distinct integers; name is settable', async () => {
  const gs = [1, 2, 3].map(() => new Greenlet(() => {}));
  const idents = gs.map((g) => g.minimalIdent);
  for (const [i, g] of gs.entries()) {
    assert.ok(Number.isInteger(idents[i]) && idents[i]! > 0 && idents[i]! < 1000, `small integer: ${idents[i]}`);
    assert.equal(g.minimalIdent, idents[i], 'stable');
    assert.equal(g.name, `Greenlet-${idents[i]}`);
  }
  assert.equal(new Set(idents).size, 3);
  gs[0]!.name = 'worker';
  assert.equal(gs[0]!.name, 'worker');
  assert.equal(gs[0]!.minimalIdent, idents[0]);
  assert.throws(() => {
    (gs[0] as { name: unknown }).name = 42;
  }, /name must be a string/);
  assert.equal(gs[0]!.name, 'worker');
  assert.match(String(gs[0]), /^<Greenlet "worker" new>$/);
  gs[1]!.start();
  assert.match(String(gs[1]), /"Greenlet-\d+" started>$/);
  await gs[1]!.join();
  assert.match(String(gs[1]), / dead>$/);
});

test('spawningGreenlet: main outside greenlets, the parent inside one; main has none', async () => {
  const outer = spawn(async () => {
    const inner = spawn(() => 1);
    await inner.join();
    return inner;
  });
  const inner = await outer.get();
  assert.equal(outer.spawningGreenlet, hub.main);
  assert.equal(inner.spawningGreenlet, outer);
  assert.equal(hub.main.spawningGreenlet, null);
  assert.equal(hub.main.name, 'main');
});

test('Greenlet is not thenable: an async function returning one hands back the Greenlet', async () => {
  const g = spawn(() => 'x');
  assert.equal('then' in g, false);
  const back = await (async () => g)();
  assert.equal(back, g);
  await g.join();
});

test('constructors and spawn functions check their arguments', () => {
  assert.throws(() => new Greenlet(42 as never), { name: 'TypeError', message: /fn must be a function, got 42/ });
  assert.throws(() => spawn(null as never), { name: 'TypeError', message: /fn/ });
  assert.throws(() => spawnLater(0, 'f' as never), { name: 'TypeError', message: /fn/ });
  assert.throws(() => spawnLater(-1, () => {}), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => spawnLater(NaN, () => {}), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => new Greenlet(() => {}).startLater(-0.5), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => new Greenlet(() => {}).startLater('1' as never), { name: 'TypeError', message: /seconds/ });
  assert.equal(hub.liveGreenlets, 0, 'a rejected spawnLater started nothing');
});

// ---------------------------------------------------------------------------
// getCurrent

test('getCurrent() is main outside greenlets and the same greenlet after a foreign await', async () => {
  assert.equal(getCurrent(), hub.main);
  const seen: Greenlet[] = [];
  const g = spawn(async () => {
    seen.push(getCurrent());
    await fs.promises.readFile(THIS_FILE);
    seen.push(getCurrent());
    await delay(1);
    seen.push(getCurrent());
  });
  await g.join();
  assert.deepEqual(seen, [g, g, g]);
  assert.equal(getCurrent(), hub.main);
});

test('two interleaved greenlets each see themselves across sleeps and foreign awaits', async () => {
  const mismatches: string[] = [];
  const body = async (steps: number) => {
    const me = getCurrent();
    for (let i = 0; i < steps; i++) {
      if (i % 2) await sleep(0);
      else await fs.promises.stat(THIS_FILE);
      if (getCurrent() !== me) mismatches.push(me.name);
    }
    return me;
  };
  const a = spawn(body, 6);
  const b = spawn(body, 6);
  assert.equal(await a.get(), a);
  assert.equal(await b.get(), b);
  assert.deepEqual(mismatches, []);
});

test('a body that returns its only wait (spawn(() => ev.wait())) ends with that wait: value, kill and timeout leave nothing behind', async () => {
  const ev = new Event();
  const before = timers();
  const waiter = spawn(() => ev.wait());
  const killed = spawn(() => ev.wait());
  const timed = spawn(() => ev.wait(0.005));
  await sleep(0);
  assert.equal(ev.waiterCount, 3);
  await killed.kill();
  assert.ok(isExit(killed.value), 'killed while blocked in the wait its body returned');
  assert.equal(ev.waiterCount, 2);
  assert.equal(await timed.get(), false, 'the timed wait expired: its value is the wait\'s');
  assert.equal(timers(), before, 'the expired wait left no timer');
  assert.equal(ev.waiterCount, 1);
  assert.equal(waiter.dead, false);
  ev.set();
  assert.equal(await waiter.get(), true);
  assert.equal(ev.waiterCount, 0);
  assert.equal(hub.liveGreenlets, 0);
  assert.deepEqual(reported, []);
});

test('a body that returns its only wait still fails with that wait\'s error, reported once, never unhandled', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  try {
    const g = spawn(() => waitFor(Promise.reject(new Error('boom'))));
    await g.join();
    assert.equal((g.exception as Error).message, 'boom');
    const t = spawn(() => {
      Timeout.startNew(0.002);
      return new Event().wait();
    });
    await t.join();
    assert.ok(t.exception instanceof Timeout);
    await delay(5);
    assert.deepEqual(unhandled, []);
    assert.deepEqual(reported.map((r) => (r.error as Error).name), ['Error', 'Timeout']);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('a body that returned its wait but left code running that waits again ends only with the wait it returned', async () => {
  const first = new Event();
  const second = new Event();
  const seen: Greenlet[] = [];
  const g = spawn(() => {
    setTimeout(() => {
      seen.push(getCurrent());
      void second.wait().then(() => seen.push(getCurrent()));
    }, 1);
    return first.wait();
  });
  while (second.waiterCount === 0) await delay(1);
  assert.equal(g.dead, false);
  second.set();
  await sleep(0.002);
  assert.equal(g.dead, false, 'the other wait ending does not end it');
  first.set();
  assert.equal(await g.get(), true);
  assert.deepEqual(seen, [g, g], 'the code it left running sees it as current');
});

test('a body that returns while its sleep(0) yields in a busy hub ends after that sleep resumes: its value, its error, a kill meanwhile', async () => {
  const log: string[] = [];
  const boom = new Error('boom');
  // Spawned together, each yields while the others' starts are still queued.
  const value = spawn(async () => {
    await sleep(0);
    return 'v';
  });
  const failing = spawn(async () => {
    await sleep(0);
    throw boom;
  });
  const killed = spawn(async () => {
    await sleep(0);
    log.push('unreachable');
  });
  const early = spawn(() => {
    void sleep(0); // not awaited: the body's promise is already settled
    return Promise.resolve('early');
  });
  const killer = spawn(() => killed.kill(undefined, { block: false }));
  await joinAll([value, failing, killed, early, killer]);
  assert.equal(value.value, 'v');
  assert.equal(failing.exception, boom);
  assert.ok(isExit(killed.value), 'the kill landed on the sleep(0) it yielded in');
  assert.equal(early.value, 'early');
  assert.deepEqual(log, []);
  assert.deepEqual(reported.map((r) => r.error), [boom], 'the failure is reported once');
});

test('greenlets started in one hub turn each see themselves; a callback queued between or after them sees main', async () => {
  const mismatches: string[] = [];
  const seenByCallbacks: Greenlet[] = [];
  const body = async () => {
    const me = getCurrent();
    await sleep(0); // a busy hub: resumes after the other starts
    if (getCurrent() !== me) mismatches.push(`${me.name} after sleep(0)`);
    await fs.promises.stat(THIS_FILE);
    if (getCurrent() !== me) mismatches.push(`${me.name} after a foreign await`);
  };
  const callback = () => {
    seenByCallbacks.push(getCurrent());
    // A promise made here carries the hub's context, not the last started greenlet's.
    void Promise.resolve().then(() => seenByCallbacks.push(getCurrent()));
  };
  const first = [spawn(body), spawn(body)];
  hub.schedule(callback, null);
  const second = [spawn(body), spawn(body)];
  hub.schedule(callback, null);
  const all = [...first, ...second];
  await joinAll(all);
  assert.deepEqual(mismatches, []);
  assert.deepEqual(seenByCallbacks, [hub.main, hub.main, hub.main, hub.main]);
  assert.ok(all.every((g) => g.successful()));
});

// ---------------------------------------------------------------------------
// join / get

test('join: true when finished, false on timeout, never throws the error', async () => {
  const stop = new Event();
  const g = spawn(() => stop.wait());
  assert.equal(await g.join(0.005), false);
  assert.equal(g.dead, false);
  stop.set();
  assert.equal(await g.join(), true);
  assert.equal(await g.join(), true, 'joining a dead greenlet');

  const bad = spawn(async () => {
    throw new Error('not for join');
  });
  assert.equal(await bad.join(), true);
  assert.equal(reported.length, 1);
});

test('a timed-out join leaves no waiter and no timer', async () => {
  const stop = new Event();
  const g = spawn(() => stop.wait());
  await sleep(0);
  const before = timers();
  assert.equal(await g.join(0.001), false);
  assert.equal(timers(), before);
  assert.equal(hub.main._waitHead, null);
  stop.set();
  await g.join();
});

test('joining or getting oneself rejects with InvalidState', async () => {
  const g = spawn(async () => {
    const me = getCurrent();
    await assert.rejects(me.join(), (e: unknown) => e instanceof InvalidState && /cannot join current greenlet/.test(e.message));
    await assert.rejects(me.get(), InvalidState);
    return 'alive';
  });
  assert.equal(await g.get(), 'alive');
});

test('get: the value, the error itself, Timeout on timeout and with block:false', async () => {
  const err = new TypeError('bad');
  const bad = spawn(async () => {
    await sleep(0);
    throw err;
  });
  await assert.rejects(bad.get(), (e) => e === err);
  await assert.rejects(bad.get({ block: false }), (e) => e === err, 'dead: block:false still throws the error');

  const stop = new Event();
  const slow = spawn(async () => {
    await stop.wait();
    return 7;
  });
  await assert.rejects(slow.get({ block: false }), (e) => e instanceof Timeout && e.code === 'ERR_GREEN_TIMEOUT');
  await assert.rejects(slow.get({ timeout: 0.001 }), Timeout);
  assert.equal(slow.dead, false);
  stop.set();
  assert.equal(await slow.get({ timeout: 5 }), 7);
  assert.equal(await slow.get({ block: false }), 7);
});

test('join and get check their arguments', async () => {
  const g = spawn(() => 1);
  await fails(() => g.join(-1), { name: 'RangeError', message: /timeout/ });
  await fails(() => g.join(NaN), { name: 'RangeError', message: /timeout/ });
  await fails(() => g.join('1' as never), { name: 'TypeError', message: /timeout/ });
  await fails(() => g.get('x' as never), { name: 'TypeError', message: /options must be an object/ });
  await fails(() => g.get(null as never), { name: 'TypeError', message: /options/ });
  await fails(() => g.get({ block: 1 as never }), { name: 'TypeError', message: /options\.block/ });
  await fails(() => g.get({ timeout: -1 }), { name: 'RangeError', message: /options\.timeout/ });
  assert.equal(await g.get(), 1);
});

// ---------------------------------------------------------------------------
// kill

test('kill of a greenlet that never started: it never runs, links fire once, successful', async () => {
  let ran = false;
  const g = new Greenlet(() => {
    ran = true;
  });
  let fired = 0;
  g.link(() => fired++);
  await g.kill();
  assert.equal(g.dead, true);
  assert.equal(g.started, false, 'nothing started it: started stays false (gevent)');
  assert.equal(g.successful(), true);
  assert.ok(isExit(g.value));
  g.start();
  await turns(5);
  assert.equal(ran, false);
  assert.equal(fired, 1);
  assert.deepEqual(reported, []);
});

test('kill right after spawn (scheduled, not yet run) and of a startLater greenlet: never runs, no timer left', async () => {
  let ran = 0;
  const a = spawn(() => ran++);
  const killA = a.kill();
  assert.equal(a.dead, true, 'killing a greenlet that has not run is synchronous');
  await killA;
  const before = timers();
  const b = spawnLater(1000, () => ran++);
  assert.equal(timers(), before + 1);
  assert.equal(hub.liveGreenlets, 1);
  await b.kill();
  assert.equal(timers(), before, 'the start timer is cleared');
  await turns(5);
  assert.equal(ran, 0);
  assert.ok(a.successful() && b.successful());
});

test('kill of a greenlet blocked in sleep: GreenletExit at the wait, no open wait, no timer', async () => {
  let seen: unknown;
  let after = false;
  const before = timers();
  const g = spawn(async () => {
    try {
      await sleep(1000);
    } catch (e) {
      seen = e;
      throw e;
    }
    after = true;
  });
  await sleep(0);
  assert.notEqual(g._waitHead, null, 'it is parked in sleep');
  assert.equal(timers(), before + 1);
  await g.kill();
  assert.equal(g._waitHead, null);
  assert.equal(timers(), before, 'the sleep timer was cleared');
  assert.ok(seen instanceof GreenletExit);
  assert.equal(g.value, seen);
  assert.equal(after, false);
  assert.ok(g.successful());
  assert.deepEqual(reported, [], 'GreenletExit is not reported');
});

test('kill of a greenlet awaiting a foreign promise: signal aborts at once, exit at the next switch point', async () => {
  const foreign = deferred<string>();
  const log: string[] = [];
  const g = spawn(async () => {
    const signal = getCurrent().signal;
    log.push(await foreign.promise);
    log.push(`aborted=${signal.aborted}`);
    await sleep(0); // the switch point where the kill lands
    log.push('unreachable');
  });
  await sleep(0);
  const exit = new GreenletExit('stop');
  const killed = g.kill(exit, { block: false });
  assert.equal(g.signal.aborted, true, 'aborted synchronously by kill()');
  assert.equal(g.signal.reason, exit);
  await killed;
  assert.equal(g.dead, false, 'still inside the foreign await');
  foreign.resolve('foreign done');
  assert.equal(await g.join(), true);
  assert.deepEqual(log, ['foreign done', 'aborted=true']);
  assert.equal(g.value, exit);
  assert.ok(g.successful());
});

test('a Timeout expiring while a kill is pending does not displace the kill', async () => {
  const foreign = deferred();
  const g = spawn(async () => {
    const t = Timeout.startNew(0.001);
    try {
      await foreign.promise; // not a switch point: both the kill and the Timeout are held
      await delay(5); // the Timeout expires meanwhile
      await sleep(0);
      return 'unreachable';
    } finally {
      t.cancel();
    }
  });
  await sleep(0);
  const exit = new GreenletExit();
  await g.kill(exit, { block: false });
  foreign.resolve();
  await g.join();
  assert.equal(g.value, exit, 'the kill, not the Timeout, ended it');
  assert.ok(g.successful());
});

test('the signal of a killed greenlet read for the first time is already aborted', async () => {
  const foreign = deferred();
  let signal: AbortSignal | undefined;
  const g = spawn(async () => {
    await foreign.promise;
    signal = getCurrent().signal;
  });
  await sleep(0);
  const exit = new GreenletExit();
  await g.kill(exit, { block: false });
  foreign.resolve();
  await g.join();
  assert.equal(signal?.aborted, true);
  assert.equal(signal?.reason, exit);
  // It finished without reaching a switch point: the kill came too late to matter.
  assert.ok(g.successful());
});

test('a foreign API given the signal rejects with an AbortError caused by the exit; the greenlet ends killed', async () => {
  let timerError: unknown;
  const t = spawn(async () => {
    try {
      await delay(10_000, undefined, { signal: getCurrent().signal });
    } catch (e) {
      timerError = e;
      throw e;
    }
  });
  let readError: unknown;
  const r = spawn(async () => {
    try {
      await fs.promises.readFile(THIS_FILE, { signal: getCurrent().signal });
    } catch (e) {
      readError = e;
      throw e;
    }
  });
  const before = timers();
  await sleep(0); // both are inside their foreign calls; no event-loop turn has passed
  assert.equal(timers(), before + 1, 'the timers/promises timer is armed');
  await Promise.all([t.kill(), r.kill()]);
  for (const [g, e] of [[t, timerError], [r, readError]] as const) {
    assert.equal((e as Error)?.name, 'AbortError');
    assert.ok(isExit(g.value));
    assert.equal((e as Error).cause, g.value);
    assert.ok(g.successful(), `${g.name} ends as killed, not failed`);
  }
  assert.equal(timers(), before, 'the aborted timers/promises timer is gone');
  assert.deepEqual(reported, []);
});

test('kill with a custom error: the greenlet fails with it and it is reported', async () => {
  const g = spawn(() => sleep(1000));
  await sleep(0);
  const err = new Error('custom');
  await g.kill(err);
  assert.equal(g.successful(), false);
  assert.equal(g.exception, err);
  await assert.rejects(g.get(), (e) => e === err);
  assert.deepEqual(reported, [{ greenlet: g, error: err }]);

  const fresh = new Greenlet(() => {});
  await fresh.kill(err);
  assert.equal(fresh.exception, err, 'also before it started');
  assert.equal(reported.length, 2);
});

test('kill with block:false returns before death; kill with timeout gives up without throwing', async () => {
  const resume = new Event();
  const stubborn = spawn(async () => {
    for (;;) {
      try {
        await resume.wait();
        return 'let go';
      } catch (e) {
        if (!(e instanceof GreenletExit)) throw e;
        // ignore the kill, wait again
      }
    }
  });
  await sleep(0);
  await stubborn.kill(undefined, { block: false });
  assert.equal(stubborn.dead, false);
  await stubborn.kill(undefined, { timeout: 0.005 });
  assert.equal(stubborn.dead, false, 'kill(timeout) resolved although the greenlet lives on');
  resume.set();
  assert.equal(await stubborn.get(), 'let go');
});

test('a greenlet can kill itself', async () => {
  let after = false;
  const g = spawn(async () => {
    await getCurrent().kill();
    after = true;
  });
  await g.join();
  assert.equal(after, false);
  assert.ok(g.successful());
  assert.ok(isExit(g.value));

  const err = new Error('self');
  const h = spawn(async () => {
    await getCurrent().kill(err);
  });
  await h.join();
  assert.equal(h.exception, err);
});

test('kill of a dead greenlet is a no-op', async () => {
  const g = spawn(() => 'done');
  await g.join();
  await g.kill();
  await g.kill(new Error('late'), { block: false });
  assert.equal(g.value, 'done');
  assert.ok(g.successful());
  assert.deepEqual(reported, []);
});

test('kill takes an Error or an Error class (instantiated, as gevent does); anything else is a TypeError at the call', async () => {
  const g = spawn(() => sleep(1000));
  for (const bad of [null, 0, 'stop', Symbol('stop'), { message: 'not an Error' }, class NotAnError {}, () => {}]) {
    assert.throws(() => g.kill(bad as never), { name: 'TypeError', message: /^exception must be an Error or an Error class, got / }, String(typeof bad));
  }
  assert.equal(g.dead, false, 'a refused kill did nothing');
  await g.kill(GreenletExit);
  assert.ok(isExit(g.value), 'a GreenletExit class is instantiated');
  const h = spawn(() => sleep(1000));
  await sleep(0);
  await h.kill(RangeError);
  assert.ok(h.exception instanceof RangeError);
  assert.equal(reported.length, 1);
  reported.length = 0;
});

test('a kill that never reached a switch point wins over how the body ended (a foreign promise ignoring the signal)', async () => {
  const late = deferred<string>();
  const failsLate = spawn(() => late.promise.then(() => { throw new Error('the foreign error, after the kill'); }));
  const returnsLate = spawn(async () => `returned ${await late.promise}`);
  await sleep(0);
  const exit = new GreenletExit('killed first');
  await failsLate.kill(exit, { block: false });
  const custom = new Error('custom kill');
  await returnsLate.kill(custom, { block: false });
  late.resolve('late');
  await failsLate.join();
  await returnsLate.join();
  assert.equal(failsLate.value, exit);
  assert.ok(failsLate.successful());
  assert.equal(returnsLate.exception, custom);
  assert.deepEqual(reported.map((r) => r.error), [custom]);
  reported.length = 0;
});

test('a kill delivered at a switch point and caught: what the body does afterwards counts', async () => {
  const after = new Error('raised after catching the kill');
  const g = spawn(async () => {
    try {
      await sleep(1000);
    } catch {
      throw after;
    }
  });
  await sleep(0);
  await g.kill();
  assert.equal(g.exception, after);
  reported.length = 0;
});

test('kill checks its arguments', async () => {
  const g = spawn(() => sleep(1000));
  await fails(() => g.kill(undefined, 'x' as never), { name: 'TypeError', message: /options must be an object/ });
  await fails(() => g.kill(undefined, { block: 'no' as never }), { name: 'TypeError', message: /options\.block/ });
  await fails(() => g.kill(undefined, { timeout: -1 }), { name: 'RangeError', message: /options\.timeout/ });
  await fails(() => g.kill(undefined, { timeout: NaN }), { name: 'RangeError', message: /options\.timeout/ });
  assert.equal(g.dead, false, 'a rejected kill did nothing');
  await g.kill();
});

test('kill interrupts a greenlet waiting for another one (join) and leaves no waiter', async () => {
  const stop = new Event();
  const target = spawn(() => stop.wait());
  const joiner = spawn(() => target.join());
  await sleep(0);
  await joiner.kill();
  assert.ok(isExit(joiner.value));
  stop.set();
  assert.equal(await target.join(), true);
});

// ---------------------------------------------------------------------------
// links

test('links fire once, in registration order, filtered by outcome, with the greenlet', async () => {
  const log: string[] = [];
  const ok = spawn(async () => {
    await sleep(0);
    return 1;
  });
  ok.link((g) => log.push(`link:${g === ok}`));
  ok.linkException(() => log.push('exception'));
  ok.linkValue(() => log.push('value'));
  ok.rawlink(() => log.push('raw'));
  await ok.join();
  await turns();
  assert.deepEqual(log, ['link:true', 'value', 'raw']);

  log.length = 0;
  const bad = spawn(async () => {
    throw new Error('x');
  });
  bad.linkValue(() => log.push('value'));
  bad.linkException((g) => log.push(`exception:${g.successful()}`));
  bad.link(() => log.push('link'));
  await bad.join();
  await turns(5);
  assert.deepEqual(log, ['exception:false', 'link']);
});

test('links do not fire synchronously, and a link added after death still fires, after earlier ones', async () => {
  const log: string[] = [];
  const g = spawn(() => 'v');
  g.link(() => log.push('before'));
  await g.join();
  g.link(() => log.push('after'));
  assert.ok(!log.includes('after'), 'not synchronously inside link()');
  await turns();
  assert.deepEqual(log, ['before', 'after']);
});

test('links added after death fire once, in order, and unlink before the hub turn still removes one', async () => {
  const log: string[] = [];
  const g = spawn(() => 'v');
  await g.join();
  const b = () => log.push('b');
  g.link(() => log.push('a'));
  g.link(b);
  g.linkValue(() => log.push('c'));
  g.linkException(() => log.push('never'));
  g.unlink(b);
  await turns();
  assert.deepEqual(log, ['a', 'c']);
  g.link(() => log.push('d')); // after the others fired: fires on its own
  await turns();
  assert.deepEqual(log, ['a', 'c', 'd']);
});

test('a link callback that unlinks a later listener during notification: that listener is not called (gevent)', async () => {
  const log: string[] = [];
  const g = spawn(() => sleep(0));
  const second = () => log.push('second');
  g.link(() => {
    log.push('first');
    g.unlink(second);
  });
  g.link(second);
  g.link(() => log.push('third'));
  await g.join();
  await turns();
  assert.deepEqual(log, ['first', 'third']);
  const late = () => log.push('late');
  g.link(() => g.unlink(late)); // after death: the same holds for links fired later
  g.link(late);
  await turns();
  assert.deepEqual(log, ['first', 'third']);
});

test('a lone link whose callback links and unlinks: what it links fires in the same pass, once, after it', async () => {
  const log: string[] = [];
  const g = spawn(() => sleep(0));
  const lone = () => {
    log.push('lone');
    hub.schedule(() => log.push('next hub callback'), null);
    g.link(() => log.push('added'));
    g.unlink(lone); // itself, while firing: it is not called again
    g.link(() => log.push('added after unlinking itself'));
  };
  g.link(lone);
  await g.join();
  await turns();
  assert.deepEqual(log, ['lone', 'added', 'added after unlinking itself', 'next hub callback']);
});

test('unlink removes a link before it fires', async () => {
  const log: string[] = [];
  const g = spawn(() => sleep(0));
  const a = () => log.push('a');
  const b = () => log.push('b');
  g.link(a);
  g.link(b);
  g.unlink(a);
  g.unlink(() => {}); // unknown: ignored
  new Greenlet(() => {}).unlink(a); // no links at all: ignored
  await g.join();
  await turns();
  assert.deepEqual(log, ['b']);
});

test('a throwing or rejecting link callback is reported via hub.handleError and does not stop the others', async () => {
  const log: string[] = [];
  const e1 = new Error('sync link failure');
  const e2 = new Error('async link failure');
  const g = spawn(() => 1);
  g.link(() => {
    throw e1;
  });
  g.link(async () => {
    throw e2;
  });
  g.link(() => log.push('third'));
  await g.join();
  await turns(5);
  assert.deepEqual(log, ['third']);
  assert.deepEqual(reported, [
    { greenlet: null, error: e1 },
    { greenlet: null, error: e2 },
  ]);
});

test('link functions check the callback', () => {
  const g = new Greenlet(() => {});
  for (const m of ['link', 'linkValue', 'linkException', 'rawlink'] as const) {
    assert.throws(() => g[m]('x' as never), { name: 'TypeError', message: /callback must be a function/ });
  }
});

// ---------------------------------------------------------------------------
// kill and Timeout reach a greenlet parked in waitFor

test('kill interrupts waitFor on a promise that never settles', async () => {
  const g = spawn(() => waitFor(new Promise(() => {})));
  await sleep(0);
  await g.kill();
  assert.ok(g.successful());
  assert.equal(g._waitHead, null);
});
