/**
 * The basic switch points: `sleep`, `idle` and `waitFor`.
 *
 * `sleep(0)` yields to every other ready greenlet through the hub's own queue
 * (no event-loop turn); `sleep(s)` waits on a timer; `idle()` waits for an
 * event-loop turn; `waitFor(promise)` turns a foreign promise into a switch
 * point so kill and Timeout can interrupt waiting for it.
 *
 * @module
 */
import { getHub } from './hub.js';
import { Timeout } from './timeout.js';
import { checkSeconds } from './validate.js';
import { NONE, park, takePending, type Waiter } from './waiter.js';

const RESOLVED = Promise.resolve();

function wakeVoid(w: Waiter<void>): void {
  w.wake(undefined);
}

/**
 * Yield to other greenlets for `seconds` (default 0: just let the others run).
 *
 * @example
 * while (running) { poll(); await sleep(0.1); }
 */
export function sleep(seconds: number = 0): Promise<void> {
  checkSeconds(seconds, 'seconds');
  if (seconds === 0 && getHub()._mayYieldInline()) {
    const e = takePending();
    return e === NONE ? RESOLVED : Promise.reject(e);
  }
  const w = park<void>(null, null, 'sleep');
  if (!w.settled) {
    if (seconds === 0) getHub().schedule(wakeVoid, w);
    else {
      w.timer = setTimeout(wakeVoid, seconds * 1000, w);
      if (!w.owner.keepAlive) w.timer.unref();
    }
  }
  return w.promise;
}

/**
 * Wait for one turn of the event loop, after pending I/O callbacks ran.
 *
 * @example
 * await idle(); // let the sockets be polled
 */
export function idle(): Promise<void> {
  const w = park<void>(null, null, 'idle');
  if (!w.settled) setImmediate(wakeVoid, w);
  return w.promise;
}

function expireTimeout(w: Waiter<any>): void {
  w.fail(new Timeout(null, 'timed out waiting for the promise'));
}

/**
 * Await a foreign promise as a switch point: a kill or Timeout interrupts the
 * wait (the foreign work itself stops only if it was given
 * `getCurrent().signal`). Throws Timeout after `timeout` seconds.
 *
 * @example
 * const res = await waitFor(fetch(url, { signal: getCurrent().signal }), 10);
 */
export function waitFor<T>(promise: PromiseLike<T>, timeout?: number | null): Promise<T> {
  if (promise === null || typeof promise !== 'object' || typeof (promise as { then?: unknown }).then !== 'function') {
    throw new TypeError(`promise must be a promise or thenable, got ${promise === null ? 'null' : typeof promise}`);
  }
  checkSeconds(timeout, 'timeout');
  const w = park<T>(null, promise, 'waitFor', timeout, expireTimeout);
  if (!w.settled) promise.then((v) => w.wake(v), (e) => w.fail(e));
  return w.promise;
}
