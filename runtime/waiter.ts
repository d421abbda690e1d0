/**
 * Waiters: the one mechanism behind every switch point.
 *
 * A greenlet that must wait parks a {@link Waiter}: a promise plus the links
 * that let anything interrupt it. The waiter sits in at most one
 * {@link WaitList} (the FIFO queue of the lock, event or queue it waits on)
 * and in its owner's list of open waits, both intrusive doubly-linked lists,
 * so that a kill, a Timeout or an expiry removes it in O(1) and leaves no trace
 * behind. Settling is idempotent: whatever comes first (wake, fail, expiry)
 * wins and undoes every link, including the expiry timer.
 *
 * @module
 */
import type { Greenlet } from './greenlet.js';
import { getCurrent } from './current.js';
import { describeWaitOn } from './describe.js';
import { captureSite, userFrame, type Site } from './site.js';

/** Marks "no value": no pending throw, no LoopExit substitute. */
export const NONE: unique symbol = Symbol('green-loader.none');

/** Called when a waiter's timeout passes; must settle the waiter. */
export type Expiry = (w: Waiter<any>) => void;

/**
 * One pending wait of one greenlet.
 *
 * @example
 * const w = park(this.waiters, this, 'Event.wait', timeout, expireWith(false));
 * return w.promise;
 */
export class Waiter<T = unknown> {
  /** Settles when the wait ends: woken, failed, or expired. */
  readonly promise: Promise<T>;
  /** The greenlet (or the hub's main pseudo-greenlet) that waits. */
  readonly owner: Greenlet;
  /** What is waited on, for LoopExit messages. */
  readonly on: object | null;
  /** The operation, for LoopExit messages (`'Event.wait'`). */
  readonly what: string;
  /** Payload slot for the source (a queue's item being put, say). */
  item: unknown = undefined;
  /** Value to resolve with instead of failing when LoopExit reaches this wait. */
  exitValue: unknown = NONE;
  list: WaitList | null = null;
  prev: Waiter<any> | null = null;
  next: Waiter<any> | null = null;
  ownerPrev: Waiter<any> | null = null;
  ownerNext: Waiter<any> | null = null;
  /** The expiry (or sleep) timer, if any; cleared when the wait ends first. */
  timer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Settles the promise; null once settled. Only the resolving function is
   * kept (W7 counts the bytes per blocked greenlet): `fail()` resolves with
   * a rejected promise, so a failure arrives two microtask turns after it
   * is decided, a wake at once.
   */
  private resolveFn: ((value: T | PromiseLike<T>) => void) | null = null;

  constructor(owner: Greenlet, on: object | null, what: string) {
    this.owner = owner;
    this.on = on;
    this.what = what;
    this.promise = new Promise<T>((resolve) => {
      this.resolveFn = resolve;
    });
  }

  /** True once the wait ended (woken, failed or expired). */
  get settled(): boolean {
    return this.resolveFn === null;
  }

  /** End the wait with a value. Returns false if it had already ended. */
  wake(value: T): boolean {
    const resolve = this.resolveFn;
    if (resolve === null) return false;
    this.detach();
    resolve(value);
    this.owner._waitEnded(this);
    return true;
  }

  /** End the wait with an error. Returns false if it had already ended. */
  fail(error: unknown): boolean {
    const resolve = this.resolveFn;
    if (resolve === null) return false;
    this.detach();
    resolve(Promise.reject(error));
    this.owner._waitEnded(this);
    return true;
  }

  /** Describe the wait for reports: `Event.wait`, `Lock.acquire`, `join on worker-1` (see describe.ts). */
  describe(): string {
    return describeWaitOn(this.on, this.what);
  }

  /** Where in the user's code the wait began (`one (file:///app.mjs:4:20)`), when wait sites are recorded. */
  site(): string | null {
    return userFrame(waitSites.get(this));
  }

  private detach(): void {
    this.resolveFn = null;
    if (this.list) this.list.remove(this);
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.owner._forgetWait(this);
  }
}

/**
 * A FIFO queue of waiters (intrusive doubly-linked list: O(1) push, shift and
 * removal of an interrupted waiter).
 *
 * @example
 * const next = this.waiters.shift();
 * next?.wake(true);
 */
export class WaitList {
  head: Waiter<any> | null = null;
  tail: Waiter<any> | null = null;
  length = 0;

  push(w: Waiter<any>): void {
    w.list = this;
    w.prev = this.tail;
    w.next = null;
    if (this.tail) this.tail.next = w;
    else this.head = w;
    this.tail = w;
    this.length++;
  }

  /** Remove and return the first waiter, or null. */
  shift(): Waiter<any> | null {
    const w = this.head;
    if (w) this.remove(w);
    return w;
  }

  remove(w: Waiter<any>): void {
    if (w.list !== this) return;
    if (w.prev) w.prev.next = w.next;
    else this.head = w.next;
    if (w.next) w.next.prev = w.prev;
    else this.tail = w.prev;
    w.prev = w.next = null;
    w.list = null;
    this.length--;
  }

  /** Wake every waiter with the same value, in FIFO order. */
  wakeAll(value: unknown): void {
    for (let w = this.shift(); w; w = this.shift()) w.wake(value);
  }
}

// Wait sites, by waiter, recorded only while recording is on: no field and
// no cost per wait otherwise. Sites recorded stay readable after it is off.
const waitSites = new WeakMap<Waiter<any>, Site>();
let recording = false;

/**
 * @internal Record where each wait begins (on), or stop (off). The hub's
 * `captureSpawnSites` switch calls it.
 */
export function recordWaitSites(on: boolean): void {
  recording = on;
}

/**
 * Park the current greenlet: create a waiter, queue it on `list` (if any),
 * arm its expiry after `timeout` seconds (if given). A kill or Timeout that
 * reached the greenlet outside any wait is delivered here, at once.
 *
 * @example
 * return park(this.waiters, this, 'Semaphore.acquire', timeout, expireWith(false)).promise;
 */
export function park<T>(
  list: WaitList | null,
  on: object | null,
  what: string,
  timeout?: number | null,
  expiry?: Expiry,
): Waiter<T> {
  const owner = getCurrent();
  reachedSwitch(owner);
  const w = new Waiter<T>(owner, on, what);
  const pending = owner._pending;
  if (pending !== NONE) {
    owner._pending = NONE;
    w.fail(pending);
    return w;
  }
  owner._rememberWait(w);
  if (recording) waitSites.set(w, captureSite(park));
  if (list) list.push(w);
  if (timeout != null && expiry) {
    // The expiry itself is the timer's callback: settling clears the fired timer, a no-op.
    w.timer = setTimeout(expiry, timeout * 1000, w);
    if (!owner.keepAlive) w.timer.unref();
  }
  return w;
}

/** Who waits for which greenlet's next switch point (rare: a green Thread's start()). */
const switchWatchers = new Map<Greenlet<any>, () => void>();

/**
 * @internal Call `fn` once, when `greenlet` next reaches a switch point
 * (parks, or yields through a fast path such as `sleep(0)`) or ends —
 * whichever comes first. A green `Thread.start()` resolves then, as Python's
 * `start()` returns once the new thread has run up to where it blocks.
 *
 * @example
 * atNextSwitch(g, () => started());
 */
export function atNextSwitch(greenlet: Greenlet<any>, fn: () => void): void {
  switchWatchers.set(greenlet, fn);
}

/**
 * @internal `greenlet` reached a switch point or ended: run its watcher, if any.
 *
 * @example
 * if (greenletHasEnded) reachedSwitch(greenlet);
 */
export function reachedSwitch(greenlet: Greenlet<any>): void {
  if (switchWatchers.size === 0) return;
  const fn = switchWatchers.get(greenlet);
  if (fn === undefined) return;
  switchWatchers.delete(greenlet);
  fn();
}

/**
 * Take the kill or Timeout that reached the current greenlet outside any wait
 * (NONE if there is none), for a fast path that does not park but is still a
 * switch point.
 *
 * @example
 * const e = takePending();
 * if (e !== NONE) return Promise.reject(e);
 */
export function takePending(): unknown {
  const g = getCurrent();
  reachedSwitch(g);
  const e = g._pending;
  if (e !== NONE) g._pending = NONE;
  return e;
}

const expireFalseFn: Expiry = (w) => w.wake(false);
const expireUndefinedFn: Expiry = (w) => w.wake(undefined);

/**
 * An expiry that resolves the wait with `false` (locks, events) or
 * `undefined`. Shared functions: no closure per wait.
 *
 * @example
 * park(list, this, 'Event.wait', timeout, expireWith(false));
 */
export function expireWith(value: false | undefined): Expiry {
  return value === false ? expireFalseFn : expireUndefinedFn;
}
