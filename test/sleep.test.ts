/**
 * sleep / idle / waitFor, the basic switch points, and the waiter machinery
 * under them: what each resolves to, that kill and Timeout interrupt them,
 * and that an interrupted wait leaves no timer and no queued waiter.
 */
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  Event,
  getCurrent,
  getHub,
  Greenlet,
  GreenletExit,
  idle,
  sleep,
  spawn,
  Timeout,
  waitFor,
  withTimeout,
} from '../runtime/index.js';
import { expireWith, NONE, park, Waiter, WaitList } from '../runtime/waiter.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { deferred, fails, timers } from './helpers.js';

const hub = getHub();
let reported: unknown[] = [];
let unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeEach(() => {
  reported = [];
  unhandled = [];
  hub.handleError = (_g, e) => {
    reported.push(e);
  };
  process.on('unhandledRejection', onUnhandled);
});

afterEach(() => {
  delete (hub as { handleError?: unknown }).handleError;
  process.off('unhandledRejection', onUnhandled);
  assert.equal(hub.liveGreenlets, 0, 'a test left a live greenlet behind');
  assert.equal(hub.main._waitHead, null, 'main left an open wait');
});

// ---------------------------------------------------------------------------
// sleep

test('sleep() and sleep(0) yield to every ready greenlet, then resume', async () => {
  const log: string[] = [];
  spawn(() => log.push('a'));
  spawn(() => log.push('b'));
  assert.equal(await sleep(), undefined);
  assert.deepEqual(log, ['a', 'b']);
  spawn(() => log.push('c'));
  await sleep(0);
  assert.deepEqual(log, ['a', 'b', 'c']);
});

test('sleep(s) waits on a timer: other greenlets run meanwhile; the timer is gone after', async () => {
  const before = timers();
  const log: string[] = [];
  spawn(() => log.push('greenlet'));
  const p = sleep(0.005);
  assert.equal(timers(), before + 1);
  await p;
  assert.deepEqual(log, ['greenlet']);
  assert.equal(timers(), before);
});

test('sleep(null) is refused like any value that is not a number of seconds', () => {
  assert.throws(() => sleep(null as never), { name: 'TypeError', message: 'seconds must be a number of seconds, got null' });
});

test('sleep checks its argument', async () => {
  await fails(() => sleep(-1), { name: 'RangeError', message: /seconds must be a finite number of seconds >= 0, got -1/ });
  await fails(() => sleep(NaN), { name: 'RangeError', message: /seconds/ });
  await fails(() => sleep(Infinity), { name: 'RangeError', message: /seconds/ });
  await fails(() => sleep('1' as never), { name: 'TypeError', message: /seconds must be a number of seconds, got "1"/ });
});

test('kill interrupts sleep: the sleeper sees GreenletExit, its timer is cleared', async () => {
  const before = timers();
  let seen: unknown;
  const g = spawn(async () => {
    try {
      await sleep(60);
    } catch (e) {
      seen = e;
    }
    return 'caught';
  });
  await sleep(0);
  assert.equal(timers(), before + 1);
  await g.kill();
  assert.ok(seen instanceof GreenletExit);
  assert.equal(g.value, 'caught', 'it caught the exit and returned normally');
  assert.equal(timers(), before);
});

test('a kill that arrives outside any wait is delivered by the next sleep, sleep(0), idle or waitFor at once', async () => {
  for (const next of [() => sleep(0), () => sleep(10), () => idle(), () => waitFor(new Promise(() => {}))]) {
    const foreign = deferred<void>();
    const after: string[] = [];
    const g = spawn(async () => {
      await foreign.promise; // not a switch point: the kill is held
      try {
        await next();
      } catch (e) {
        after.push((e as Error).name);
        throw e;
      }
      after.push('unreachable');
    });
    await sleep(0);
    const before = timers();
    await g.kill(undefined, { block: false });
    foreign.resolve();
    await g.join();
    assert.deepEqual(after, ['GreenletExit']);
    assert.equal(timers(), before, 'no timer was armed for the wait');
  }
});

test('sleep(0) in a busy hub resumes after what was queued before it, and a kill meanwhile lands on that sleep', async () => {
  const order: string[] = [];
  const body = async (name: string) => {
    order.push(`${name} runs`);
    try {
      await sleep(0); // others are queued: resumes after them, sharing one yield point
    } catch (e) {
      order.push(`${name} ${(e as Error).name}`);
      throw e;
    }
    order.push(`${name} resumes`);
  };
  const a = spawn(body, 'a');
  const b = spawn(body, 'b');
  const c = spawn(body, 'c');
  const killer = spawn(async () => {
    order.push('killer runs');
    await b.kill(undefined, { block: false }); // b sleeps in a yield point, not in a waiter
  });
  await Promise.all([a.join(), b.join(), c.join(), killer.join()]);
  assert.deepEqual(order, ['a runs', 'b runs', 'c runs', 'killer runs', 'a resumes', 'b GreenletExit', 'c resumes']);
  assert.ok((b.value as unknown) instanceof GreenletExit);
  assert.ok(a.successful() && c.successful());
});

test('a Timeout interrupts sleep and leaves no timer', async () => {
  const before = timers();
  const g = spawn(() => withTimeout(0.002, () => sleep(60), { timeoutValue: 'expired' }));
  assert.equal(await g.get(), 'expired');
  assert.equal(timers(), before);
});

// ---------------------------------------------------------------------------
// idle

test('idle() resumes after the event loop ran callbacks queued before it', async () => {
  const log: string[] = [];
  setImmediate(() => log.push('immediate'));
  await idle();
  log.push('after idle');
  assert.deepEqual(log, ['immediate', 'after idle']);
});

test('kill interrupts idle()', async () => {
  const g = spawn(async () => {
    for (;;) await idle();
  });
  await sleep(0);
  await g.kill();
  assert.ok(g.successful());
  assert.ok((g.value as unknown) instanceof GreenletExit);
});

// ---------------------------------------------------------------------------
// waitFor

test('waitFor resolves with the value and rejects with the very error', async () => {
  assert.equal(await waitFor(Promise.resolve(5)), 5);
  const err = new Error('foreign');
  await assert.rejects(waitFor(Promise.reject(err)), (e) => e === err);
  const thenable = { then: (ok: (v: string) => void) => setTimeout(ok, 1, 'thenable') };
  assert.equal(await waitFor(thenable as unknown as PromiseLike<string>), 'thenable');
  const inside = spawn(() => waitFor(Promise.resolve('in a greenlet')));
  assert.equal(await inside.get(), 'in a greenlet');
});

test('waitFor with a timeout: the value when in time; Timeout when not, and a late rejection is not unhandled', async () => {
  assert.equal(await waitFor(Promise.resolve(1), 5), 1);
  const before = timers();
  const late = deferred<number>();
  await assert.rejects(waitFor(late.promise, 0.002), (e) => e instanceof Timeout && /timed out waiting for the promise/.test((e as Error).message));
  assert.equal(timers(), before, 'the expiry timer is gone');
  late.reject(new Error('too late'));
  await sleep(0.002);
  assert.deepEqual(unhandled, []);
});

test('a fulfilled waitFor clears its timeout timer', async () => {
  const before = timers();
  const p = waitFor(new Promise((r) => setImmediate(r, 'soon')), 60);
  assert.equal(timers(), before + 1);
  assert.equal(await p, 'soon');
  assert.equal(timers(), before);
});

test('kill interrupts waitFor; the foreign promise settling later changes nothing', async () => {
  const foreign = deferred<string>();
  const g = spawn(() => waitFor(foreign.promise));
  await sleep(0);
  await g.kill();
  assert.ok(g.successful());
  assert.ok((g.value as unknown) instanceof GreenletExit);
  assert.equal(g._waitHead, null);
  foreign.reject(new Error('after the kill'));
  await sleep(0.001);
  assert.deepEqual(unhandled, []);
  assert.deepEqual(reported, []);
});

test('an abandoned waitFor on a long-lived promise is not kept by it (collected after gc)', () => {
  const script = fileURLToPath(new URL('../../test/fixtures/runtime/waitfor-gc.mjs', import.meta.url));
  const r = spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim()), { waits: 40, alive: 0 });
});

test('waitFor on many waits of one promise: all get the value or the error; one gets killed, the others still do', async () => {
  const shared = deferred<string>();
  const gs = [0, 1, 2].map(() => spawn(() => waitFor(shared.promise)));
  await sleep(0);
  await gs[1]!.kill();
  shared.resolve('shared');
  assert.equal(await gs[0]!.get(), 'shared');
  assert.equal(await gs[2]!.get(), 'shared');
  assert.ok((gs[1]!.value as unknown) instanceof GreenletExit);
  const failing = deferred<string>();
  const err = new Error('shared failure');
  const a = waitFor(failing.promise);
  const b = waitFor(failing.promise);
  failing.reject(err);
  await assert.rejects(a, (e) => e === err);
  await assert.rejects(b, (e) => e === err);
  assert.equal(await waitFor(shared.promise), 'shared', 'a wait on an already settled promise');
});

test('waitFor(thenable) whose then() throws rejects with that error and leaves no waiter', async () => {
  const err = new Error('then broke');
  const broken = { then() { throw err; } } as unknown as PromiseLike<never>;
  await assert.rejects(waitFor(broken), (e) => e === err);
  assert.equal(hub.main._waitHead, null);
  const g = spawn(() => waitFor(broken, 5));
  const before = timers();
  await g.join();
  assert.equal(g.exception, err);
  assert.equal(g._waitHead, null);
  assert.equal(timers(), before);
  assert.deepEqual(reported, [err]);
  reported.length = 0;
  // A thenable that calls back synchronously, inside then().
  const sync = { then(ok: (v: number) => void) { ok(7); } } as unknown as PromiseLike<number>;
  assert.equal(await waitFor(sync), 7);
  assert.equal(await spawn(() => waitFor(sync)).get(), 7);
});

test('waitFor checks its arguments', async () => {
  for (const bad of [null, undefined, 42, 'p', {}, { then: 1 }]) {
    await fails(() => waitFor(bad as never), { name: 'TypeError', message: /promise must be a promise or thenable/ });
  }
  await fails(() => waitFor(null as never), { message: /got null/ });
  await fails(() => waitFor(Promise.resolve(), -1), { name: 'RangeError', message: /timeout/ });
  await fails(() => waitFor(Promise.resolve(), 'x' as never), { name: 'TypeError', message: /timeout/ });
});

// ---------------------------------------------------------------------------
// waiters, directly

test('WaitList is FIFO and removes any waiter in O(1); removing a foreign waiter is ignored', () => {
  const list = new WaitList();
  const other = new WaitList();
  const ws = ['a', 'b', 'c', 'd'].map((t) => new Waiter(hub.main, null, t));
  for (const w of ws) list.push(w);
  assert.equal(list.length, 4);
  list.remove(ws[2]!); // middle
  other.remove(ws[1]!); // not in that list: no-op
  assert.equal(list.length, 3);
  list.remove(ws[3]!); // tail
  assert.equal(list.tail, ws[1]);
  assert.equal(list.shift(), ws[0]);
  assert.equal(list.shift(), ws[1]);
  assert.equal(list.shift(), null);
  assert.equal(list.head, null);
  assert.equal(list.length, 0);
  for (const w of ws) w.fail(new Error('unused')), w.promise.catch(() => {});
});

test('a waiter settles once: wake/fail after the first return false; describe() names the operation', async () => {
  const w = new Waiter<number>(hub.main, null, 'op');
  assert.equal(w.wake(1), true);
  assert.equal(w.wake(2), false);
  assert.equal(w.fail(new Error('x')), false);
  assert.equal(await w.promise, 1);
  assert.equal(w.describe(), 'op');
  const ev = new Event();
  assert.equal(new Waiter(hub.main, ev, 'Event.wait').describe(), 'Event.wait');
  const g = new Greenlet(() => {});
  g.name = 'worker';
  assert.equal(new Waiter(hub.main, g, 'join').describe(), 'join on worker');
  assert.equal(new Waiter(hub.main, Object.create(null), 'raw').describe(), 'raw');
  assert.equal(NONE, NONE);
});

test('park: queued FIFO, woken by wakeAll, expiry by expireWith, and every link undone', async () => {
  const list = new WaitList();
  const order: string[] = [];
  const a = spawn(async () => order.push(`a:${await park<string>(list, null, 'test').promise}`));
  const b = spawn(async () => order.push(`b:${await park<string>(list, null, 'test').promise}`));
  await sleep(0);
  assert.equal(list.length, 2);
  list.wakeAll('go');
  await a.join();
  await b.join();
  assert.deepEqual(order, ['a:go', 'b:go']);
  assert.equal(list.length, 0);

  const before = timers();
  const f = park<boolean>(list, null, 'test', 0.001, expireWith(false));
  const u = park<undefined>(list, null, 'test', 0.001, expireWith(undefined));
  assert.equal(list.length, 2);
  assert.equal(timers(), before + 2);
  assert.equal(await f.promise, false);
  assert.equal(await u.promise, undefined);
  assert.equal(list.length, 0);
  assert.equal(timers(), before);
  assert.equal(getCurrent()._waitHead, null);
});

test('the waits of a greenlet are all failed by a kill, in whatever lists they sit', async () => {
  const l1 = new WaitList();
  const l2 = new WaitList();
  const g = spawn(async () => {
    const w1 = park(l1, null, 'one');
    const w2 = park(l2, null, 'two', 60, expireWith(false));
    await Promise.allSettled([w1.promise, w2.promise]);
    return [await w1.promise.catch((e) => e), await w2.promise.catch((e) => e)];
  });
  await sleep(0);
  const before = timers();
  assert.equal(l1.length + l2.length, 2);
  await g.kill(undefined, { block: false });
  assert.equal(l1.length + l2.length, 0);
  assert.equal(timers(), before - 1);
  const [e1, e2] = (await g.get()) as unknown[];
  assert.ok(e1 instanceof GreenletExit && e1 === e2);
});
