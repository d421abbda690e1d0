/**
 * Timeout and withTimeout: construction, arming, delivery to the greenlet that
 * started it (at a switch point, or through its signal during a foreign
 * await), withdrawal on cancel, nesting by identity, `using`, and argument
 * checks. No test asserts a duration: each proves who got which error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { getCurrent } from '../runtime/current.js';
import { GreenError, InvalidState } from '../runtime/errors.js';
import { Event } from '../runtime/event.js';
import { spawn } from '../runtime/greenlet.js';
import { Semaphore } from '../runtime/lock.js';
import { sleep } from '../runtime/sleep.js';
import { Timeout, withTimeout } from '../runtime/timeout.js';

/** Run `fn` in a fresh greenlet and resolve to its result (or reject with its error). */
function inGreenlet<T>(fn: () => Promise<T>): Promise<T> {
  return spawn(fn).get() as Promise<T>;
}

/** A foreign promise (not a switch point) that settles once `signal` aborts. */
function untilAborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));
}

/** Resolve to the error `p` rejects with; fail if it resolves. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

test('constructor: seconds, message, exception, name and code', () => {
  const t = new Timeout(0.5);
  assert.equal(t.seconds, 0.5);
  assert.equal(t.message, '0.5 seconds');
  assert.equal(t.name, 'Timeout');
  assert.equal(t.code, 'ERR_GREEN_TIMEOUT');
  assert.ok(t instanceof GreenError && t instanceof Error);
  assert.equal(t.pending, false);
  assert.equal(t.exception, undefined);
  assert.equal(new Timeout(1).message, '1 second');
  assert.equal(new Timeout().message, 'Timeout');
  assert.equal(new Timeout().seconds, undefined);
  assert.equal(new Timeout(null).seconds, null);
  const s = new Timeout(1, 'no reply from the server');
  assert.equal(s.message, 'no reply from the server');
  assert.equal(s.exception, undefined);
  const err = new Error('custom');
  assert.equal(new Timeout(1, err).exception, err);
});

test('bad arguments name the argument', async () => {
  assert.throws(() => new Timeout(-1), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => new Timeout(NaN), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => new Timeout(Infinity), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => new Timeout('1' as never), { name: 'TypeError', message: /seconds/ });
  assert.throws(() => new Timeout(1, 42 as never), { name: 'TypeError', message: /exception/ });
  assert.throws(() => Timeout.startNew(-0.5), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => withTimeout('x' as never, () => 1), { name: 'TypeError', message: /seconds/ });
  assert.throws(() => withTimeout(-1, () => 1), { name: 'RangeError', message: /seconds/ });
  assert.throws(() => withTimeout(1, 42 as never), { name: 'TypeError', message: /fn/ });
  assert.throws(() => withTimeout(1, () => 1, null as never), { name: 'TypeError', message: /options/ });
});

test('start/pending/cancel/close; start() while pending throws', () => {
  const t = new Timeout(5);
  assert.equal(t.pending, false);
  t.start();
  assert.equal(t.pending, true);
  assert.throws(() => t.start(), (e: unknown) => e instanceof InvalidState && e.name === 'InvalidState' && e.code === 'ERR_GREEN_INVALID_STATE' && /already pending/.test(e.message));
  t.cancel();
  assert.equal(t.pending, false);
  t.cancel(); // idempotent
  t.start(); // may be re-armed once cancelled
  assert.equal(t.pending, true);
  t.close();
  assert.equal(t.pending, false);
  const n = Timeout.startNew(5);
  assert.equal(n.pending, true);
  n[Symbol.dispose]();
  assert.equal(n.pending, false);
});

test('reaches the greenlet blocked in sleep', async () => {
  const result = await inGreenlet(async () => {
    const t = Timeout.startNew(0.01);
    const e = await rejection(sleep(2));
    assert.equal(t.pending, false);
    return e === t;
  });
  assert.equal(result, true);
});

test('reaches the greenlet blocked in Event.wait and removes its waiter', async () => {
  const ev = new Event();
  await inGreenlet(async () => {
    const t = Timeout.startNew(0.01);
    assert.equal(await rejection(ev.wait()), t);
    assert.equal(ev.waiterCount, 0);
  });
  assert.equal(ev.waiterCount, 0);
});

test('reaches the greenlet blocked in Semaphore.acquire; a later release goes to the next waiter', async () => {
  const sem = new Semaphore(0);
  const timedOut = spawn(async () => {
    const t = Timeout.startNew(0.01);
    return (await rejection(sem.acquire())) === t;
  });
  assert.equal(await timedOut.get(), true);
  assert.equal(sem.waiterCount, 0);
  const next = spawn(() => sem.acquire());
  await sleep(0);
  assert.equal(sem.waiterCount, 1);
  sem.release();
  assert.equal(await next.get(), true);
  assert.equal(sem.counter, 0);
});

test('during a foreign await: the signal aborts with the Timeout, which is thrown at the next switch point', async () => {
  await inGreenlet(async () => {
    const signal = getCurrent().signal;
    const t = Timeout.startNew(0.01);
    const reason = await untilAborted(signal); // foreign: not a switch point
    assert.equal(reason, t);
    assert.equal(signal.aborted, true);
    assert.equal(signal.reason, t);
    assert.equal(await rejection(sleep(0)), t);
    // Delivered once only: the next switch point is quiet.
    await sleep(0);
    // After the caught Timeout the greenlet has a fresh signal.
    const fresh = getCurrent().signal;
    assert.notEqual(fresh, signal);
    assert.equal(fresh.aborted, false);
  });
});

test('after a Timeout caught from a wait, getCurrent().signal is fresh', async () => {
  await inGreenlet(async () => {
    const before = getCurrent().signal;
    const t = Timeout.startNew(0.01);
    assert.equal(await rejection(new Event().wait()), t);
    assert.equal(before.aborted, true);
    assert.equal(before.reason, t);
    const after = getCurrent().signal;
    assert.notEqual(after, before);
    assert.equal(after.aborted, false);
  });
});

test('cancel() before delivery withdraws the throw', async () => {
  await inGreenlet(async () => {
    const t = Timeout.startNew(0.01);
    await untilAborted(getCurrent().signal); // expired while in a foreign await
    assert.equal(t.pending, false);
    t.cancel();
    await sleep(0); // no stray Timeout
    await sleep(0.02);
    assert.equal(getCurrent().signal.aborted, false);
  });
});

test('re-arming an expired, undelivered Timeout drops the old throw', async () => {
  await inGreenlet(async () => {
    const t = new Timeout(0.01);
    t.start();
    await untilAborted(getCurrent().signal);
    t.start(); // re-armed: the old expiry is moot
    t.cancel();
    await sleep(0); // would throw the stale Timeout if it were kept
    await sleep(0.02);
  });
});

test('nested: the outer Timeout passes through an inner wait; inner catch code does not swallow it', async () => {
  const ev = new Event();
  await inGreenlet(async () => {
    const outer = Timeout.startNew(0.01);
    let innerSwallowed = false;
    const e = await rejection(
      (async () => {
        const inner = Timeout.startNew(5);
        try {
          await ev.wait();
        } catch (err) {
          if (err !== inner) throw err;
          innerSwallowed = true;
        } finally {
          inner.cancel();
        }
      })(),
    );
    assert.equal(e, outer);
    assert.equal(innerSwallowed, false);
  });
  // The same with withTimeout: an inner timeoutValue must not turn the outer expiry into a value.
  await inGreenlet(async () => {
    const e = await rejection(withTimeout(0.01, () => withTimeout(5, () => ev.wait(), { timeoutValue: 'inner' })));
    assert.ok(e instanceof Timeout);
    assert.equal((e as Timeout).seconds, 0.01);
  });
  assert.equal(ev.waiterCount, 0);
});

test('nested: the inner Timeout fires first and the outer one is left intact', async () => {
  await inGreenlet(async () => {
    const outer = Timeout.startNew(5);
    const v = await withTimeout(0.01, () => sleep(2), { timeoutValue: 'inner' });
    assert.equal(v, 'inner');
    assert.equal(outer.pending, true);
    outer.cancel();
  });
});

test('`using` cancels at scope exit', async () => {
  await inGreenlet(async () => {
    let seen: Timeout;
    {
      using t = Timeout.startNew(0.01);
      seen = t;
      assert.equal(t.pending, true);
    }
    assert.equal(seen.pending, false);
    await sleep(0.03); // would throw if the timer were still armed
  });
});

test('`using` scope that expires inside throws the Timeout, then cancels', async () => {
  await inGreenlet(async () => {
    let seen: Timeout | undefined;
    const e = await rejection(
      (async () => {
        using t = Timeout.startNew(0.01);
        seen = t;
        await sleep(2);
      })(),
    );
    assert.equal(e, seen);
    await sleep(0.02);
  });
});

test('an Error exception is thrown instead of the Timeout', async () => {
  const err = new Error('custom');
  const e = await inGreenlet(async () => {
    Timeout.startNew(0.01, err);
    return rejection(sleep(2));
  });
  assert.equal(e, err);
});

test('a string exception becomes the message of the thrown Timeout', async () => {
  const e = await inGreenlet(async () => {
    const t = Timeout.startNew(0.01, 'took too long');
    const got = await rejection(sleep(2));
    assert.equal(got, t);
    return got;
  });
  assert.ok(e instanceof Timeout);
  assert.equal((e as Error).message, 'took too long');
});

test('Timeout(null) and Timeout() never fire', async () => {
  await inGreenlet(async () => {
    const a = Timeout.startNew(null);
    const b = Timeout.startNew();
    assert.equal(a.pending, false);
    assert.equal(b.pending, false);
    await sleep(0.02);
    a.start(); // not pending: starting again is allowed
    a.cancel();
    b.cancel();
  });
});

test('a Timeout started outside any greenlet reaches the main pseudo-greenlet', async () => {
  const t = Timeout.startNew(0.01);
  assert.equal(await rejection(new Event().wait()), t);
  assert.equal(getCurrent().signal.aborted, false);
});

test('withTimeout: value, expiry, timeoutValue (even undefined), errors pass through', async () => {
  await inGreenlet(async () => {
    assert.equal(await withTimeout(1, () => 'v'), 'v');
    assert.equal(await withTimeout(1, async () => { await sleep(0); return 'w'; }), 'w');
    assert.equal(await withTimeout(null, () => 'n'), 'n');

    const e = await rejection(withTimeout(0.01, () => sleep(2)));
    assert.ok(e instanceof Timeout);
    assert.equal((e as Timeout).seconds, 0.01);
    assert.equal((e as Timeout).pending, false);

    assert.equal(await withTimeout(0.01, () => sleep(2), { timeoutValue: 'late' }), 'late');
    assert.equal(await withTimeout(0.01, () => sleep(2).then(() => 'done'), { timeoutValue: undefined }), undefined);
    assert.equal(await withTimeout(0.01, () => sleep(2), {}).catch((x: unknown) => x instanceof Timeout), true);

    const boom = new Error('boom');
    assert.equal(await rejection(withTimeout(1, async () => { await sleep(0); throw boom; })), boom);
    assert.equal(await rejection(withTimeout(1, () => { throw boom; }, { timeoutValue: 'no' })), boom);
    // Someone else's Timeout thrown by fn is not mistaken for ours.
    const other = new Timeout(1);
    assert.equal(await rejection(withTimeout(1, () => { throw other; }, { timeoutValue: 'no' })), other);
  });
});

test('withTimeout cancels its timer once fn returns: no stray throw later', async () => {
  await inGreenlet(async () => {
    assert.equal(await withTimeout(0.01, () => 'quick'), 'quick');
    await sleep(0.03); // completes normally
    await assert.rejects(withTimeout(0.01, () => Promise.reject(new Error('x'))), /x/);
    await sleep(0.03);
  });
});

test('withTimeout: fn returns after the expiry, from a foreign await without signal: the value wins, nothing stray', async () => {
  await inGreenlet(async () => {
    const v = await withTimeout(0.01, async () => {
      await untilAborted(getCurrent().signal);
      return 'finished anyway';
    });
    assert.equal(v, 'finished anyway');
    await sleep(0.02);
  });
});

test('withTimeout: expiry during a foreign await given the signal ends via timeoutValue or the Timeout', async () => {
  await inGreenlet(async () => {
    const v = await withTimeout(0.01, () => delay(5000, 'v', { signal: getCurrent().signal }), { timeoutValue: 'tv' });
    assert.equal(v, 'tv');
    const e = await rejection(withTimeout(0.01, () => delay(5000, 'v', { signal: getCurrent().signal })));
    assert.ok(e instanceof Timeout, `expected the Timeout, got ${String(e)}`);
    await sleep(0.02); // nothing stray
    assert.equal(getCurrent().signal.aborted, false);
  });
});
