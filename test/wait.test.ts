/**
 * wait, iwait, joinAll, killAll: completion order, count, timeout,
 * raiseError, mixed waitables, waiting for the hub, early exit from iwait
 * leaving no rawlink behind, kills and Timeouts, argument checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GreenletExit } from '../runtime/errors.js';
import { AsyncResult, Event } from '../runtime/event.js';
import { spawn, type Greenlet } from '../runtime/greenlet.js';
import { getCurrent } from '../runtime/current.js';
import { getHub } from '../runtime/hub.js';
import { sleep } from '../runtime/sleep.js';
import { Timeout } from '../runtime/timeout.js';
import { iwait, joinAll, killAll, wait, type Waitable } from '../runtime/wait.js';
import { linksOf, quietly, settle } from './helpers.js';

/** Greenlets that each finish when their own event is set, returning their index. */
function gated(n: number): { events: Event[]; greenlets: Greenlet<number>[] } {
  const events = Array.from({ length: n }, () => new Event());
  const greenlets = events.map((ev, i) =>
    spawn(async () => {
      await ev.wait();
      return i;
    }),
  );
  return { events, greenlets };
}

/** Set the events one by one, letting the hub run in between: a deterministic completion order. */
function setInOrder(events: Event[], order: number[]): Greenlet<void> {
  return spawn(async () => {
    for (const i of order) {
      await settle();
      events[i]!.set();
    }
  });
}

test('iwait yields in completion order, not argument order', async () => {
  const { events, greenlets } = gated(3);
  setInOrder(events, [2, 0, 1]);
  const seen: number[] = [];
  for await (const g of iwait(greenlets)) seen.push(g.value!);
  assert.deepEqual(seen, [2, 0, 1]);
  for (const g of greenlets) assert.equal(linksOf(g).length, 0);
});

test('wait and joinAll return everything in completion order', async () => {
  const a = gated(3);
  setInOrder(a.events, [1, 2, 0]);
  assert.deepEqual((await wait(a.greenlets)).map((g) => g.value), [1, 2, 0]);
  const b = gated(3);
  setInOrder(b.events, [2, 1, 0]);
  assert.deepEqual((await joinAll(b.greenlets)).map((g) => g.value), [2, 1, 0]);
  assert.deepEqual(await wait([]), []);
  assert.deepEqual(await joinAll([]), []);
});

test('count stops after that many ready, and unlinks the rest', async () => {
  const { events, greenlets } = gated(4);
  setInOrder(events, [3, 1]);
  const two = await wait(greenlets, { count: 2 });
  assert.deepEqual(two.map((g) => g.value), [3, 1]);
  for (const g of greenlets) assert.equal(linksOf(g).length, 0);
  const seen: number[] = [];
  setInOrder(events, [0]);
  for await (const g of iwait(greenlets, { count: 1 })) seen.push(g.value!);
  assert.equal(seen.length, 1);
  for (const ev of events) ev.set();
  await joinAll(greenlets);
  assert.equal((await wait(greenlets, { count: 10 })).length, 4); // count above the length: all
});

test('count is never exceeded, even when several become ready in one hub turn', async () => {
  const evs = [new Event(), new Event(), new Event()];
  const p = wait(evs, { count: 1 });
  await sleep(0);
  for (const e of evs) e.set();
  assert.equal((await p).length, 1);
  const gs = [1, 2, 3].map((n) => spawn(() => n));
  assert.equal((await joinAll(gs, { count: 2 })).length, 2);
});

test('count 0 returns nothing at once', async () => {
  const set = new Event();
  set.set();
  assert.deepEqual(await wait([set, new Event()], { count: 0 }), []);
  const seen: unknown[] = [];
  for await (const o of iwait([set], { count: 0 })) seen.push(o);
  assert.deepEqual(seen, []);
  assert.equal(linksOf(set).length, 0);
});

test('timeout returns what is ready so far and leaves no rawlink', async () => {
  const done = new Event();
  done.set();
  const never = new Event();
  const r = new AsyncResult();
  const got = await wait([never, done, r], { timeout: 0.01 });
  assert.deepEqual(got, [done]);
  assert.equal(linksOf(never).length, 0);
  assert.equal(linksOf(r).length, 0);
  const seen: unknown[] = [];
  for await (const o of iwait([never, r], { timeout: 0.01 })) seen.push(o);
  assert.deepEqual(seen, []);
  assert.equal(linksOf(never).length, 0);
  assert.equal(linksOf(r).length, 0);
  const g = spawn(() => never.wait());
  assert.deepEqual(await joinAll([g], { timeout: 0.01 }), []);
  assert.equal(linksOf(g).length, 0);
  assert.equal(g.dead, false);
  await g.kill();
});

test('timeout 0 polls: objects already ready are returned', async () => {
  const set = new Event();
  set.set();
  const g = spawn(() => 'done');
  await g.join();
  assert.deepEqual(await wait([set, new Event()], { timeout: 0 }), [set]);
  assert.deepEqual(await joinAll([g], { timeout: 0 }), [g]);
  const seen: unknown[] = [];
  for await (const o of iwait([new Event(), set], { timeout: 0 })) seen.push(o);
  assert.deepEqual(seen, [set]);
});

test('mixed Greenlets, Events and AsyncResults', async () => {
  const ev = new Event();
  const r = new AsyncResult<string>();
  const g = spawn(async () => {
    await sleep(0);
    return 'g';
  });
  spawn(async () => {
    await g.join();
    await settle();
    r.set('r');
    await settle();
    ev.set();
  });
  const got: Waitable[] = await wait<Waitable>([ev, r, g]);
  assert.deepEqual(got, [g, r, ev]);
  const failed = new AsyncResult();
  failed.setException(new Error('x')); // ready counts, an error is not thrown by wait
  assert.deepEqual(await wait([failed]), [failed]);
});

test('joinAll raiseError throws the first failure; without it failures are just finished', async () => {
  const boom = new Error('boom');
  await quietly(async () => {
    const gate = new Event();
    const slow = spawn(() => gate.wait());
    const ok = spawn(() => 1);
    const bad = spawn(async () => {
      await sleep(0);
      throw boom;
    });
    await assert.rejects(joinAll([slow, ok, bad], { raiseError: true }), (e) => e === boom);
    assert.equal(slow.dead, false); // thrown as soon as it happened, not after all finished
    assert.equal(linksOf(slow).length, 0);
    // Already dead before the call: thrown too.
    await assert.rejects(joinAll([ok, bad], { raiseError: true }), (e) => e === boom);
    const all = await joinAll([ok, bad]);
    assert.deepEqual(new Set(all), new Set([ok, bad]));
    assert.deepEqual(await joinAll([ok], { raiseError: true }), [ok]);
    gate.set();
    await slow.join();
  });
});

test('wait() with no objects waits until the hub has no greenlet left', async () => {
  const finished: number[] = [];
  for (const n of [1, 2, 3]) {
    spawn(async () => {
      for (let i = 0; i < n; i++) await sleep(0);
      finished.push(n);
    });
  }
  assert.deepEqual(await wait(), []);
  assert.deepEqual(finished.sort(), [1, 2, 3]);
  assert.equal(getHub().liveGreenlets, 0);

  const ev = new Event();
  const stuck = spawn(() => ev.wait());
  assert.deepEqual(await wait(null, { timeout: 0.01 }), []);
  assert.equal(stuck.dead, false);
  ev.set();
  assert.deepEqual(await wait(undefined), []);
  assert.equal(stuck.dead, true);
});

test('an early break out of iwait unlinks everything', async () => {
  const a = new Event();
  const b = new Event();
  const r = new AsyncResult();
  const g = spawn(() => b.wait());
  spawn(async () => {
    await settle();
    a.set();
  });
  const seen: unknown[] = [];
  for await (const o of iwait<Waitable>([a, b, r, g])) {
    seen.push(o);
    break;
  }
  assert.deepEqual(seen, [a]);
  assert.equal(linksOf(b).length, 0);
  assert.equal(linksOf(r).length, 0);
  assert.equal(linksOf(g).length, 0);
  // Nothing stray fires later.
  b.set();
  r.set(1);
  await g.join();
  await settle();
  assert.equal(linksOf(g).length, 0);
});

test('a greenlet killed or timed out inside iwait/wait leaves no rawlink', async () => {
  const ev = new Event();
  const r = new AsyncResult();
  const waiting = spawn(async () => {
    for await (const _ of iwait([ev, r])) {
      // never reached
    }
  });
  const waiting2 = spawn(() => wait([ev, r]));
  await settle();
  assert.equal(linksOf(ev).length, 2);
  await waiting.kill();
  await waiting2.kill();
  assert.ok((waiting.value as unknown) instanceof GreenletExit);
  assert.equal(linksOf(ev).length, 0);
  assert.equal(linksOf(r).length, 0);

  const timedOut = spawn(async () => {
    const t = Timeout.startNew(0.01);
    try {
      await wait([ev, r]);
    } catch (e) {
      return e === t;
    }
  });
  assert.equal(await timedOut.get(), true);
  assert.equal(linksOf(ev).length, 0);
  assert.equal(linksOf(r).length, 0);
});

test('killAll kills every greenlet and waits for them', async () => {
  const ev = new Event();
  const gs = [0, 1, 2].map(() => spawn(() => ev.wait()));
  const unstarted = spawn(() => 'never');
  await killAll([...gs, unstarted]);
  for (const g of [...gs, unstarted]) {
    assert.equal(g.dead, true);
    assert.ok((g.value as unknown) instanceof GreenletExit);
  }
  assert.equal(ev.waiterCount, 0);
  await killAll([]);
});

test('killAll: custom exception, block false, timeout', async () => {
  const ev = new Event();
  const custom = new Error('stop');
  await quietly(async () => {
    const gs = [0, 1].map(() => spawn(() => ev.wait()));
    await settle();
    await killAll(gs, { exception: custom });
    for (const g of gs) assert.equal(g.exception, custom);

    const h = spawn(() => ev.wait());
    await settle();
    await killAll([h], { block: false });
    assert.equal(await h.join(1), true);
    assert.ok((h.value as unknown) instanceof GreenletExit);

    // A greenlet that shrugs off the kill: the timeout bounds the wait.
    const stubborn = spawn(async () => {
      for (;;) {
        try {
          await ev.wait();
          return 'set';
        } catch {
          // ignore
        }
      }
    });
    await settle();
    await killAll([stubborn], { timeout: 0.01 });
    assert.equal(stubborn.dead, false);
    assert.equal(linksOf(stubborn).length, 0);
    ev.set();
    assert.equal(await stubborn.get(), 'set');
  });
});

test('bad arguments name the argument', async () => {
  const ev = new Event();
  assert.throws(() => wait(42 as never), { name: 'TypeError', message: /objects/ });
  assert.throws(() => wait([{}] as never), { name: 'TypeError', message: /objects\[0\]/ });
  assert.throws(() => wait([ev, { ready: () => true, rawlink: () => {} }] as never), { name: 'TypeError', message: /objects\[1\]/ });
  assert.throws(() => wait([ev], { count: -1 }), { name: 'RangeError', message: /options\.count/ });
  assert.throws(() => wait([ev], { count: 1.5 }), { name: 'RangeError', message: /options\.count/ });
  assert.throws(() => wait([ev], { count: '1' as never }), { name: 'TypeError', message: /options\.count/ });
  assert.throws(() => wait([ev], { timeout: -1 }), { name: 'RangeError', message: /options\.timeout/ });
  assert.throws(() => wait([ev], null as never), { name: 'TypeError', message: /options/ });
  assert.throws(() => wait(null, { timeout: NaN }), { name: 'RangeError', message: /options\.timeout/ });
  assert.throws(() => iwait(7 as never), { name: 'TypeError', message: /objects/ });
  assert.throws(() => iwait([ev], { count: -1 }), { name: 'RangeError', message: /options\.count/ });
  assert.throws(() => joinAll(42 as never), { name: 'TypeError', message: /greenlets/ });
  assert.throws(() => joinAll([null] as never), { name: 'TypeError', message: /greenlets\[0\]/ });
  assert.throws(() => joinAll([], { raiseError: 'yes' as never }), { name: 'TypeError', message: /options\.raiseError/ });
  assert.throws(() => joinAll([], { timeout: -1 }), { name: 'RangeError', message: /options\.timeout/ });
  assert.throws(() => killAll(42 as never), { name: 'TypeError', message: /greenlets/ });
  assert.throws(() => killAll([], { block: 1 as never }), { name: 'TypeError', message: /options\.block/ });
  assert.throws(() => killAll([], { timeout: -1 }), { name: 'RangeError', message: /options\.timeout/ });
  assert.throws(() => killAll([], 'x' as never), { name: 'TypeError', message: /options/ });
  assert.equal(linksOf(ev).length, 0);
});

test('killAll with the caller in the list kills the others first, then the caller', async () => {
  const order: string[] = [];
  const other = spawn(async () => {
    try {
      await sleep(10);
    } finally {
      order.push('other');
    }
  });
  const caller = spawn(async () => {
    await sleep(0);
    try {
      await killAll([getCurrent(), other]);
    } finally {
      order.push('caller');
    }
    return 'survived';
  });
  await caller.join();
  assert.deepEqual(order, ['other', 'caller']);
  assert.ok((caller.value as unknown) instanceof GreenletExit);
  assert.ok(other.dead);
});
