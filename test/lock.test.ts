/**
 * Semaphore, BoundedSemaphore, DummySemaphore and RLock: counting, FIFO
 * handoff without barging, timeouts and kills that leave no waiter and never
 * lose a permit, both scoped forms (withLock, guard + using), and argument
 * checks. Orderings are proved by recording who ran when, never by durations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCurrent } from '../runtime/current.js';
import { GreenletExit, LockError } from '../runtime/errors.js';
import { spawn, type Greenlet } from '../runtime/greenlet.js';
import { BoundedSemaphore, DummySemaphore, RLock, Semaphore } from '../runtime/lock.js';
import { sleep } from '../runtime/sleep.js';
import { Timeout } from '../runtime/timeout.js';
import { quietly, settle } from './helpers.js';

/** A foreign promise (not a switch point) that settles once `signal` aborts. */
function untilAborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));
}

test('Semaphore: counts permits; acquire(false) does not block; locked()', async () => {
  const sem = new Semaphore(2);
  assert.equal(sem.counter, 2);
  assert.equal(sem.locked(), false);
  assert.equal(await sem.acquire(), true);
  assert.equal(await sem.acquire(true, 1), true);
  assert.equal(sem.counter, 0);
  assert.equal(sem.locked(), true);
  assert.equal(await sem.acquire(false), false);
  assert.equal(sem.counter, 0);
  sem.release();
  assert.equal(sem.counter, 1);
  assert.equal(sem.locked(), false);
  sem.release();
  sem.release(); // a plain Semaphore may go above its initial value
  assert.equal(sem.counter, 3);
  assert.equal(new Semaphore().counter, 1);
  assert.equal(new Semaphore(0).locked(), true);
});

test('Semaphore: acquire timeout resolves false, leaves no waiter, and the permit goes to the next caller', async () => {
  const sem = new Semaphore(0);
  assert.equal(await sem.acquire(true, 0.01), false);
  assert.equal(await sem.acquire(true, 0), false);
  assert.equal(sem.waiterCount, 0);
  sem.release();
  assert.equal(sem.counter, 1); // not handed to a dead waiter
  assert.equal(await sem.acquire(false), true);
});

test('Semaphore: waiters are served in arrival order (FIFO)', async () => {
  const sem = new Semaphore(1);
  await sem.acquire();
  const order: number[] = [];
  const gs = [0, 1, 2, 3].map((i) =>
    spawn(async () => {
      await sem.acquire();
      order.push(i);
      await sleep(0);
      sem.release();
    }),
  );
  await settle();
  assert.equal(sem.waiterCount, 4);
  sem.release();
  for (const g of gs) await g.join();
  assert.deepEqual(order, [0, 1, 2, 3]);
  assert.equal(sem.counter, 1);
  assert.equal(sem.waiterCount, 0);
});

test('Semaphore: a release with waiters hands the permit over; a newcomer cannot barge in', async () => {
  const sem = new Semaphore(1);
  await sem.acquire();
  const order: string[] = [];
  const first = spawn(async () => {
    await sem.acquire();
    order.push('first');
    sem.release();
  });
  await settle();
  sem.release(); // handed to `first` before it even resumes
  assert.equal(sem.counter, 0);
  assert.equal(sem.locked(), true);
  assert.equal(await sem.acquire(false), false); // the newcomer is refused
  const newcomer = spawn(async () => {
    await sem.acquire();
    order.push('newcomer');
    sem.release();
  });
  await first.join();
  await newcomer.join();
  assert.deepEqual(order, ['first', 'newcomer']);
  assert.equal(sem.counter, 1);
});

test('Semaphore: a killed waiter is removed; a later release goes to the next waiter', async () => {
  const sem = new Semaphore(0);
  let deadGotIt = false;
  const dead = spawn(async () => {
    await sem.acquire();
    deadGotIt = true;
  });
  const next = spawn(() => sem.acquire());
  await settle();
  assert.equal(sem.waiterCount, 2);
  await dead.kill();
  assert.equal(sem.waiterCount, 1);
  sem.release();
  assert.equal(await next.get(), true);
  assert.equal(deadGotIt, false);
  assert.equal(sem.counter, 0);
  assert.equal(sem.waiterCount, 0);
});

test('Semaphore: lost permit: a waiter killed right after the handoff still returns the permit', async () => {
  const sem = new Semaphore(1);
  await sem.acquire();
  const victim = spawn(() =>
    sem.withLock(async () => {
      await sleep(0); // the kill reaches it here, holding the permit
      return 'ran';
    }),
  );
  await settle();
  sem.release(); // handoff to victim...
  void victim.kill(undefined, { block: false }); // ...and killed before it resumes
  await victim.join();
  assert.ok((victim.value as unknown) instanceof GreenletExit);
  assert.equal(sem.counter, 1);
  assert.equal(sem.waiterCount, 0);
  const later = spawn(() => sem.acquire(true, 1));
  assert.equal(await later.get(), true);
});

test('Semaphore: lost permit: a waiter timing out around a release never loses the permit', async () => {
  for (let round = 0; round < 5; round++) {
    const sem = new Semaphore(0);
    const waiter = spawn(async () => {
      const ok = await sem.acquire(true, 0.005);
      if (ok) sem.release();
      return ok;
    });
    await settle();
    await new Promise((r) => setTimeout(r, 5)); // release near the expiry, whichever comes first
    sem.release();
    await waiter.join();
    assert.equal(sem.waiterCount, 0);
    assert.equal(sem.counter, 1, `round ${round}: the permit is back whatever won (${String(waiter.value)})`);
    assert.equal(await sem.acquire(false), true);
  }
});

test('Semaphore: a kill pending from a foreign await is thrown by an uncontended acquire, which takes nothing', async () => {
  const sem = new Semaphore(1);
  const g = spawn(async () => {
    await untilAborted(getCurrent().signal);
    await sem.acquire();
    return 'acquired';
  });
  await settle();
  await g.kill();
  assert.ok((g.value as unknown) instanceof GreenletExit);
  assert.equal(sem.counter, 1);
});

test('Semaphore: withLock returns the value and releases on return, throw and kill mid-fn', async () => {
  const sem = new Semaphore(1);
  assert.equal(await sem.withLock(() => 'v'), 'v');
  assert.equal(await sem.withLock(async () => { await sleep(0); return 'w'; }), 'w');
  assert.equal(sem.counter, 1);

  const boom = new Error('boom');
  await assert.rejects(sem.withLock(async () => { assert.equal(sem.counter, 0); throw boom; }), (e) => e === boom);
  await assert.rejects(sem.withLock(() => { throw boom; }), (e) => e === boom);
  assert.equal(sem.counter, 1);

  let inside = false;
  const g = spawn(() => sem.withLock(async () => { inside = true; await sleep(5); }));
  const queued = spawn(() => sem.withLock(() => 'queued ran'));
  await settle();
  assert.equal(inside, true);
  assert.equal(sem.counter, 0);
  assert.equal(sem.waiterCount, 1);
  await g.kill();
  assert.equal(await queued.get(), 'queued ran'); // the kill's release went to the waiter
  assert.equal(sem.counter, 1);
  assert.equal(sem.waiterCount, 0);

  assert.throws(() => sem.withLock(42 as never), { name: 'TypeError', message: /fn/ });
  assert.equal(sem.counter, 1);
});

test('Semaphore: withLock releases when a Timeout fires mid-fn, and one killed while waiting takes nothing', async () => {
  const sem = new Semaphore(1);
  const e = await spawn(async () => {
    const t = Timeout.startNew(0.01);
    try {
      await sem.withLock(() => sleep(5));
    } catch (err) {
      return err === t;
    }
  }).get();
  assert.equal(e, true);
  assert.equal(sem.counter, 1);

  await sem.acquire();
  const waiting = spawn(() => sem.withLock(() => 'never'));
  await settle();
  assert.equal(sem.waiterCount, 1);
  await waiting.kill();
  assert.equal(sem.waiterCount, 0);
  sem.release();
  assert.equal(sem.counter, 1);
});

test('Semaphore: guard() with using releases at scope exit; guard timeout throws Timeout and leaves no waiter', async () => {
  const sem = new BoundedSemaphore(1); // a double release would throw
  await spawn(async () => {
    {
      using held = await sem.guard();
      assert.equal(sem.counter, 0);
      held.release(); // early release...
      held.release(); // ...is idempotent, and so is the dispose at scope exit
      assert.equal(sem.counter, 1);
    }
    assert.equal(sem.counter, 1);
    {
      using _held = await sem.guard(1);
      assert.equal(sem.locked(), true);
    }
    assert.equal(sem.locked(), false);
    await assert.rejects(
      (async () => {
        using _held = await sem.guard();
        throw new Error('inside');
      })(),
      /inside/,
    );
    assert.equal(sem.counter, 1);
  }).get();

  await sem.acquire();
  const g = spawn(async () => {
    using _held = await sem.guard(0.01);
    return 'acquired';
  });
  await quietly(() => g.join());
  assert.ok(g.exception instanceof Timeout, String(g.exception));
  assert.equal(sem.waiterCount, 0);
  sem.release();
  assert.equal(sem.counter, 1);
  assert.throws(() => sem.guard(-1), { name: 'RangeError', message: /timeout/ });
});

test('Semaphore: wait() waits for a free permit without taking it', async () => {
  const sem = new Semaphore(2);
  assert.equal(await sem.wait(), 2);
  assert.equal(sem.counter, 2);
  const zero = new Semaphore(0);
  assert.equal(await zero.wait(0.01), 0);
  assert.equal(zero.waiterCount, 0);
  const g = spawn(() => zero.wait());
  await settle();
  assert.equal(zero.waiterCount, 1);
  zero.release();
  assert.equal(await g.get(), 1);
  assert.equal(zero.counter, 1);
  assert.throws(() => zero.wait(-1), { name: 'RangeError', message: /timeout/ });
});

test('Semaphore: bad arguments', () => {
  assert.throws(() => new Semaphore(-1), { name: 'RangeError', message: /value/ });
  assert.throws(() => new Semaphore(1.5), { name: 'RangeError', message: /value/ });
  assert.throws(() => new Semaphore(NaN), { name: 'RangeError', message: /value/ });
  assert.throws(() => new Semaphore('x' as never), { name: 'TypeError', message: /value/ });
  assert.throws(() => new BoundedSemaphore(-1), { name: 'RangeError', message: /value/ });
  const sem = new Semaphore(1);
  assert.throws(() => sem.acquire('yes' as never), { name: 'TypeError', message: /blocking/ });
  assert.throws(() => sem.acquire(true, -1), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => sem.acquire(true, 'x' as never), { name: 'TypeError', message: /timeout/ });
  assert.equal(sem.counter, 1);
});

test('acquire(false, timeout) is refused as Python refuses it, by every lock; acquire(false, null) is fine', async () => {
  const refused = { name: 'RangeError', message: "can't specify a timeout for a non-blocking call, got timeout 5" };
  for (const lock of [new Semaphore(1), new BoundedSemaphore(1), new DummySemaphore(), new RLock()]) {
    assert.throws(() => lock.acquire(false, 5), refused, lock.constructor.name);
    assert.equal(await lock.acquire(false, null), true);
    lock.release();
  }
});

test('BoundedSemaphore: over-release throws LockError', async () => {
  const sem = new BoundedSemaphore(2);
  assert.throws(() => sem.release(), (e: unknown) => e instanceof LockError && e.message === 'Semaphore released too many times' && e.code === 'ERR_GREEN_LOCK');
  await sem.acquire();
  sem.release();
  assert.equal(sem.counter, 2);
  await sem.acquire();
  await sem.acquire();
  const waiter = spawn(() => sem.acquire());
  await settle();
  sem.release(); // handoff to the waiter: fine
  assert.equal(await waiter.get(), true);
  sem.release();
  sem.release();
  assert.throws(() => sem.release(), LockError);
  assert.equal(sem.counter, 2);
});

test('DummySemaphore never blocks', async () => {
  const d = new DummySemaphore();
  for (let i = 0; i < 10; i++) assert.equal(await d.acquire(), true);
  assert.equal(await d.acquire(false), true);
  assert.equal(d.locked(), false);
  d.release();
  d.release();
  assert.equal(await d.wait(), 1);
  assert.equal(await d.withLock(() => 'x'), 'x');
  assert.equal(new DummySemaphore(5).locked(), false);
  assert.throws(() => d.acquire(1 as never), { name: 'TypeError', message: /blocking/ });
  assert.throws(() => d.wait(-1), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => new DummySemaphore(-1), { name: 'RangeError', message: /value/ });
});

test('RLock: re-entrant for its owner; locked() until released as often as acquired', async () => {
  const lock = new RLock();
  await spawn(async () => {
    assert.equal(await lock.acquire(), true);
    assert.equal(await lock.acquire(), true);
    assert.equal(await lock.acquire(false), true);
    lock.release();
    lock.release();
    assert.equal(lock.locked(), true);
    lock.release();
    assert.equal(lock.locked(), false);
    assert.equal(await lock.withLock(() => lock.withLock(async () => { await sleep(0); return 'nested'; })), 'nested');
    assert.equal(lock.locked(), false);
    {
      using _a = await lock.guard();
      using _b = await lock.guard(0);
      assert.equal(lock.locked(), true);
    }
    assert.equal(lock.locked(), false);
  }).get();
});

test('RLock: only the owner may release', async () => {
  const lock = new RLock();
  assert.throws(() => lock.release(), (e: unknown) => e instanceof LockError && e.message === 'cannot release un-acquired lock');
  const owner = spawn(async () => {
    await lock.acquire();
    await sleep(5);
  });
  await settle();
  assert.equal(lock.locked(), true);
  assert.throws(() => lock.release(), LockError); // main is not the owner
  assert.equal(await lock.acquire(false), false);
  assert.equal(await lock.acquire(true, 0.01), false);
  assert.equal(lock.waiterCount, 0);
  await owner.kill();
});

test('RLock: final release hands the lock to the next waiter in FIFO order; no barging', async () => {
  const lock = new RLock();
  const order: number[] = [];
  let holder: Greenlet | null = null;
  await lock.acquire();
  await lock.acquire();
  const gs = [0, 1, 2].map((i) =>
    spawn(async () => {
      await lock.acquire();
      holder = getCurrent();
      order.push(i);
      await sleep(0);
      lock.release();
    }),
  );
  await settle();
  assert.equal(lock.waiterCount, 3);
  lock.release();
  assert.equal(lock.waiterCount, 3); // not the final release
  lock.release(); // final: handed to gs[0] before it resumes
  assert.equal(lock.waiterCount, 2);
  assert.equal(lock.locked(), true);
  assert.equal(await lock.acquire(false), false); // main cannot barge
  for (const g of gs) await g.join();
  assert.deepEqual(order, [0, 1, 2]);
  assert.equal(holder, gs[2]);
  assert.equal(lock.locked(), false);
});

test('RLock: a killed waiter leaves the queue; the lock goes to the next one', async () => {
  const lock = new RLock();
  await lock.acquire();
  const dead = spawn(() => lock.acquire());
  const next = spawn(async () => {
    await lock.acquire();
    const mine = lock.locked();
    lock.release();
    return mine;
  });
  await settle();
  assert.equal(lock.waiterCount, 2);
  await dead.kill();
  assert.equal(lock.waiterCount, 1);
  lock.release();
  assert.equal(await next.get(), true);
  assert.equal(lock.locked(), false);
  assert.equal(lock.waiterCount, 0);
});

test('RLock: withLock releases when the greenlet is killed mid-fn; a pending kill is thrown by acquire', async () => {
  const lock = new RLock();
  const g = spawn(() => lock.withLock(() => sleep(5)));
  await settle();
  assert.equal(lock.locked(), true);
  await g.kill();
  assert.equal(lock.locked(), false);

  const p = spawn(async () => {
    await untilAborted(getCurrent().signal);
    await lock.acquire();
  });
  await settle();
  await p.kill();
  assert.ok((p.value as unknown) instanceof GreenletExit);
  assert.equal(lock.locked(), false);

  await quietly(async () => {
    await lock.acquire();
    const t = spawn(() => lock.guard(0.01));
    await t.join();
    assert.ok(t.exception instanceof Timeout);
    lock.release();
  });
  assert.equal(lock.locked(), false);
  assert.equal(lock.waiterCount, 0);
  assert.throws(() => lock.acquire(true, -1), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => lock.acquire(null as never), { name: 'TypeError', message: /blocking/ });
});
