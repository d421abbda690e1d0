/**
 * Event and AsyncResult: set/clear/wait, wake-all in arrival order, timeouts
 * and kills that leave no waiter behind, rawlink/unlink, the AsyncResult value
 * and error paths, and argument checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GreenletExit } from '../runtime/errors.js';
import { AsyncResult, Event } from '../runtime/event.js';
import { spawn } from '../runtime/greenlet.js';
import { getHub } from '../runtime/hub.js';
import { sleep } from '../runtime/sleep.js';
import { Timeout } from '../runtime/timeout.js';
import { linksOf } from './helpers.js';

test('Event: set, isSet, ready, clear; wait after set returns true at once', async () => {
  const ev = new Event();
  assert.equal(ev.isSet(), false);
  assert.equal(ev.ready(), false);
  assert.equal(ev.waiterCount, 0);
  ev.set();
  assert.equal(ev.isSet(), true);
  assert.equal(ev.ready(), true);
  assert.equal(await ev.wait(), true);
  assert.equal(await ev.wait(0), true);
  assert.equal(ev.waiterCount, 0);
  ev.set(); // idempotent
  ev.clear();
  assert.equal(ev.isSet(), false);
  assert.equal(await ev.wait(0.01), false); // blocks again after clear
});

test('Event: set wakes every waiter, in arrival order', async () => {
  const ev = new Event();
  const order: number[] = [];
  const gs = [0, 1, 2, 3].map((i) =>
    spawn(async () => {
      const r = await ev.wait();
      order.push(i);
      return r;
    }),
  );
  await sleep(0);
  assert.equal(ev.waiterCount, 4);
  assert.deepEqual(order, []);
  ev.set();
  assert.equal(ev.waiterCount, 0);
  for (const g of gs) assert.equal(await g.get(), true);
  assert.deepEqual(order, [0, 1, 2, 3]);
});

test('Event: wait timeout resolves false and removes the waiter', async () => {
  const ev = new Event();
  const g = spawn(() => ev.wait(0.01));
  await sleep(0);
  assert.equal(ev.waiterCount, 1);
  assert.equal(await g.get(), false);
  assert.equal(ev.waiterCount, 0);
});

test('Event: a killed waiter is gone; a later set wakes only the live one', async () => {
  const ev = new Event();
  let deadResumed = false;
  const dead = spawn(async () => {
    await ev.wait();
    deadResumed = true;
  });
  const live = spawn(() => ev.wait());
  await sleep(0);
  assert.equal(ev.waiterCount, 2);
  await dead.kill();
  assert.equal(dead.dead, true);
  assert.ok((dead.value as unknown) instanceof GreenletExit);
  assert.equal(ev.waiterCount, 1);
  ev.set();
  assert.equal(await live.get(), true);
  await sleep(0);
  assert.equal(deadResumed, false);
  assert.equal(ev.waiterCount, 0);
});

test('Event: a Timeout reaching a waiter removes it', async () => {
  const ev = new Event();
  const g = spawn(async () => {
    const t = Timeout.startNew(0.01);
    try {
      await ev.wait();
      return 'woken';
    } catch (e) {
      return e === t ? 'timeout' : e;
    }
  });
  assert.equal(await g.get(), 'timeout');
  assert.equal(ev.waiterCount, 0);
});

test('Event: bad arguments', () => {
  const ev = new Event();
  assert.throws(() => ev.wait(-1), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => ev.wait(NaN), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => ev.wait('1' as never), { name: 'TypeError', message: /timeout/ });
  assert.throws(() => ev.rawlink(42 as never), { name: 'TypeError', message: /callback/ });
  assert.equal(ev.waiterCount, 0);
});

test('Event: rawlink runs from the hub once set, in registration order, with the event', async () => {
  const ev = new Event();
  const calls: [string, unknown][] = [];
  ev.rawlink((s) => calls.push(['a', s]));
  ev.rawlink((s) => calls.push(['b', s]));
  const removed = (): void => void calls.push(['removed', null]);
  ev.rawlink(removed);
  ev.unlink(removed);
  ev.unlink(() => {}); // unknown callback: no-op
  await sleep(0);
  assert.deepEqual(calls, []);
  ev.set();
  assert.deepEqual(calls, []); // not synchronously inside set()
  await sleep(0);
  assert.deepEqual(calls, [['a', ev], ['b', ev]]);
  assert.equal(linksOf(ev).length, 0);
  ev.clear();
  ev.set(); // links are one-shot: not called again
  await sleep(0);
  assert.equal(calls.length, 2);
});

test('Event: rawlink on a set event fires on the next hub turn', async () => {
  const ev = new Event();
  ev.set();
  let got: unknown = null;
  ev.rawlink((s) => (got = s));
  assert.equal(got, null);
  await sleep(0);
  assert.equal(got, ev);
});

test('Event: a rawlink that throws is reported to hub.handleError, the others still run', async () => {
  const hub = getHub();
  const saved = hub.handleError;
  const reported: unknown[] = [];
  hub.handleError = (g, e) => void reported.push([g, e]);
  try {
    const ev = new Event();
    const boom = new Error('link failed');
    let after = false;
    ev.rawlink(() => {
      throw boom;
    });
    ev.rawlink(() => (after = true));
    ev.set();
    await sleep(0);
    assert.deepEqual(reported, [[null, boom]]);
    assert.equal(after, true);
  } finally {
    hub.handleError = saved;
  }
});

test('AsyncResult: set value: ready, successful, value, get and wait; waiters woken in order', async () => {
  const r = new AsyncResult<number>();
  assert.equal(r.ready(), false);
  assert.equal(r.successful(), false);
  assert.equal(r.value, undefined);
  const order: number[] = [];
  const gs = [0, 1, 2].map((i) =>
    spawn(async () => {
      const v = i === 1 ? await r.wait() : await r.get();
      order.push(i);
      return v;
    }),
  );
  await sleep(0);
  assert.equal(r.waiterCount, 3);
  r.set(42);
  assert.equal(r.waiterCount, 0);
  assert.equal(r.ready(), true);
  assert.equal(r.successful(), true);
  assert.equal(r.value, 42);
  assert.equal(r.exception, undefined);
  for (const g of gs) assert.equal(await g.get(), 42);
  assert.deepEqual(order, [0, 1, 2]);
  assert.equal(await r.get(), 42); // ready: at once
  assert.equal(await r.get({ block: false }), 42);
  assert.equal(await r.wait(0), 42);
  r.set(43); // setting again replaces the value
  assert.equal(await r.get(), 43);
});

test('AsyncResult: setException: get throws it, wait does not', async () => {
  const r = new AsyncResult<string>();
  const err = new Error('no route');
  const getter = spawn(() => r.get());
  const waiter = spawn(() => r.wait());
  await sleep(0);
  getHub().printExceptions = false;
  try {
    r.setException(err);
    assert.equal(r.ready(), true);
    assert.equal(r.successful(), false);
    assert.equal(r.exception, err);
    await getter.join();
    assert.equal(getter.exception, err);
    assert.equal(await waiter.get(), undefined);
    await assert.rejects(r.get(), (e) => e === err);
    assert.equal(await r.wait(), undefined);
  } finally {
    getHub().printExceptions = true;
  }
  r.set('fine'); // a value after an error clears the error
  assert.equal(r.successful(), true);
  assert.equal(r.exception, undefined);
  assert.equal(await r.get(), 'fine');
});

test('AsyncResult: get({block:false}) and get timeout throw Timeout; wait timeout resolves undefined; no waiter left', async () => {
  const r = new AsyncResult<number>();
  await assert.rejects(r.get({ block: false }), (e) => e instanceof Timeout);
  assert.equal(r.waiterCount, 0);
  await assert.rejects(r.get({ timeout: 0.01 }), (e) => e instanceof Timeout);
  assert.equal(r.waiterCount, 0);
  assert.equal(await r.wait(0.01), undefined);
  assert.equal(r.waiterCount, 0);
  const g = spawn(() => r.get({ timeout: 0.01 }));
  getHub().printExceptions = false;
  try {
    await g.join();
  } finally {
    getHub().printExceptions = true;
  }
  assert.ok(g.exception instanceof Timeout);
  assert.equal(r.waiterCount, 0);
});

test('AsyncResult: a killed getter is gone; a later set goes to the next one', async () => {
  const r = new AsyncResult<string>();
  const dead = spawn(() => r.get());
  const live = spawn(() => r.get());
  await sleep(0);
  assert.equal(r.waiterCount, 2);
  await dead.kill();
  assert.ok((dead.value as unknown) instanceof GreenletExit);
  assert.equal(r.waiterCount, 1);
  r.set('v');
  assert.equal(await live.get(), 'v');
  assert.equal(r.waiterCount, 0);
});

test('AsyncResult: rawlink fires on set and on setException', async () => {
  const a = new AsyncResult<number>();
  const b = new AsyncResult<number>();
  const seen: unknown[] = [];
  a.rawlink((s) => seen.push(s));
  b.rawlink((s) => seen.push(s));
  const gone = (): void => void seen.push('gone');
  a.rawlink(gone);
  a.unlink(gone);
  a.set(1);
  b.setException(new Error('x'));
  await sleep(0);
  assert.deepEqual(seen, [a, b]);
  let late: unknown = null;
  a.rawlink((s) => (late = s)); // already ready
  await sleep(0);
  assert.equal(late, a);
});

test('AsyncResult: bad arguments', async () => {
  const r = new AsyncResult();
  assert.throws(() => r.get(null as never), { name: 'TypeError', message: /options/ });
  assert.throws(() => r.get(1 as never), { name: 'TypeError', message: /options/ });
  assert.throws(() => r.get({ block: 'no' as never }), { name: 'TypeError', message: /options\.block/ });
  assert.throws(() => r.get({ timeout: -1 }), { name: 'RangeError', message: /options\.timeout/ });
  assert.throws(() => r.wait(NaN), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => r.rawlink('x' as never), { name: 'TypeError', message: /callback/ });
  assert.equal(r.waiterCount, 0);
});
