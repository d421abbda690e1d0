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
import { getCurrent } from './current.js';
import { getHub } from './hub.js';
import { Timeout } from './timeout.js';
import { checkRequiredSeconds, checkSeconds } from './validate.js';
import { NONE, park, takePending, WaitList, type Waiter } from './waiter.js';

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
  checkRequiredSeconds(seconds, 'seconds'); // sleep(null) is a mistake, not "no time"
  if (seconds === 0) {
    const hub = getHub();
    const e = takePending();
    if (e !== NONE) return Promise.reject(e);
    if (hub._mayYieldInline()) return RESOLVED;
    // Others are queued: resume after them. No waiter: a kill or Timeout that
    // arrives meanwhile is held as pending and thrown on resuming.
    getCurrent()._yielding();
    return hub._yieldPoint().then(resumeFromYield);
  }
  const w = park<void>(null, null, 'sleep');
  if (!w.settled) {
    w.timer = setTimeout(wakeVoid, seconds * 1000, w);
    if (!w.owner.keepAlive) w.timer.unref();
  }
  return w.promise;
}

/** A `sleep(0)` resumes: the switch point where a kill or Timeout that arrived meanwhile lands. */
function resumeFromYield(): void {
  getCurrent()._resumed();
  const e = takePending();
  if (e !== NONE) throw e;
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
 * The one subscription to a foreign promise that every `waitFor` on it
 * shares. A promise's reactions cannot be removed, so a reaction per wait
 * would keep every abandoned waiter (and what it holds) until the promise
 * settles — forever for a shutdown promise polled in a loop. Instead the
 * promise gets one reaction, to this relay, and waits join its WaitList: a
 * kill or Timeout removes the waiter from the list in O(1), leaving nothing.
 */
class Relay {
  readonly waiters = new WaitList();
  done = false;
  ok = false;
  result: unknown = undefined;

  settle(ok: boolean, result: unknown): void {
    if (this.done) return; // a thenable may call back more than once
    this.done = true;
    this.ok = ok;
    this.result = result;
    for (let w = this.waiters.shift(); w; w = this.waiters.shift()) this.deliver(w);
  }

  deliver(w: Waiter<any>): void {
    if (this.ok) w.wake(this.result);
    else w.fail(this.result);
  }
}

const relays = new WeakMap<object, Relay>();

/** The relay of `promise`, subscribing once; throws what a thenable's `then()` throws. */
function relayOf(promise: PromiseLike<unknown>): Relay {
  const known = relays.get(promise);
  if (known) return known;
  const relay = new Relay();
  promise.then(
    (value) => {
      relays.delete(promise);
      relay.settle(true, value);
    },
    (error: unknown) => {
      relays.delete(promise);
      relay.settle(false, error);
    },
  );
  // Not kept when then() threw or called back at once: the next wait asks afresh.
  if (!relay.done) relays.set(promise, relay);
  return relay;
}

/**
 * Await a foreign promise as a switch point: a kill or Timeout interrupts the
 * wait (the foreign work itself stops only if it was given
 * `getCurrent().signal`). Throws Timeout after `timeout` seconds. An
 * interrupted wait leaves nothing behind on the promise, however long it lives.
 *
 * @example
 * const res = await waitFor(fetch(url, { signal: getCurrent().signal }), 10);
 */
export function waitFor<T>(promise: PromiseLike<T>, timeout?: number | null): Promise<T> {
  if (promise === null || typeof promise !== 'object' || typeof (promise as { then?: unknown }).then !== 'function') {
    throw new TypeError(`promise must be a promise or thenable, got ${promise === null ? 'null' : typeof promise}`);
  }
  checkSeconds(timeout, 'timeout');
  let relay: Relay;
  try {
    relay = relayOf(promise);
  } catch (error) {
    return Promise.reject(error); // a thenable whose then() throws: as Promise.resolve(thenable) would
  }
  const w = park<T>(relay.done ? null : relay.waiters, promise, 'waitFor', timeout, expireTimeout);
  if (relay.done) relay.deliver(w);
  return w.promise;
}
