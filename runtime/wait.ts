/**
 * Waiting on many things at once: `wait`, `iwait`, `joinAll`, `killAll`.
 *
 * Anything with `ready()`, `rawlink(cb)` and `unlink(cb)` can be waited on:
 * greenlets, Events, AsyncResults. Every registration is undone in `finally`,
 * so a timeout, a kill or an early `break` leaves no callback behind.
 *
 * @module
 */
import { getCurrent } from './current.js';
import { getHub } from './hub.js';
import { GreenletExit } from './errors.js';
import type { Greenlet } from './greenlet.js';
import { checkBoolean, checkInteger, checkIterable, checkOptions, checkSeconds, toException, type ErrorClass } from './validate.js';
import { park, type Waiter } from './waiter.js';

/** Something `wait()` and `iwait()` can wait on. */
export interface Waitable {
  ready(): boolean;
  rawlink(callback: (source: any) => unknown): void;
  unlink(callback: (source: any) => unknown): void;
}

/** Options of {@link wait} and {@link iwait}. */
export interface WaitOptions {
  /** Seconds to wait in all. */
  timeout?: number | null;
  /** Stop after this many objects are ready (default: all). */
  count?: number | null;
}

/** Options of {@link joinAll}. */
export interface JoinAllOptions extends WaitOptions {
  /** Throw the first error of a greenlet that fails (default false). */
  raiseError?: boolean;
}

/** Options of {@link killAll}. */
export interface KillAllOptions {
  /** What to throw into each (default a new GreenletExit): an Error or an Error class. */
  exception?: Error | ErrorClass;
  /** Wait until all are dead (default true). */
  block?: boolean;
  /** Seconds to wait for them when blocking. */
  timeout?: number | null;
}

/**
 * @internal The exception of a kill-all's options, checked and instantiated
 * once (default a new GreenletExit).
 */
export function killException(options: KillAllOptions | undefined): Error {
  const given = options?.exception;
  return given === undefined ? new GreenletExit() : toException(given, 'options.exception');
}

function checkWaitOptions(options: WaitOptions | undefined): void {
  checkOptions(options, 'options');
  checkSeconds(options?.timeout, 'options.timeout');
  if (options?.count != null) checkInteger(options.count, 'options.count', 0);
}

function toList<T extends Waitable>(objects: Iterable<T>, name: string): T[] {
  checkIterable(objects, name);
  const list = [...(objects as Iterable<T>)];
  list.forEach((o, i) => {
    if (!o || typeof o.ready !== 'function' || typeof o.rawlink !== 'function' || typeof o.unlink !== 'function') {
      throw new TypeError(`${name}[${i}] must have ready(), rawlink() and unlink()`);
    }
  });
  return list;
}

/**
 * Yield the objects as they become ready, in completion order; ends after
 * `count` of them, or when `timeout` seconds (in all) pass.
 *
 * @example
 * for await (const g of iwait(greenlets)) console.log(g.name, 'finished');
 */
export function iwait<T extends Waitable>(objects: Iterable<T>, options?: WaitOptions): AsyncGenerator<T, void, undefined> {
  const list = toList(objects, 'objects');
  checkWaitOptions(options);
  return iterateReady(list, options);
}

async function* iterateReady<T extends Waitable>(list: T[], options: WaitOptions | undefined): AsyncGenerator<T, void, undefined> {
  const count = Math.min(options?.count ?? list.length, list.length);
  const timeout = options?.timeout;
  const deadline = timeout == null ? Infinity : performance.now() + timeout * 1000;
  // Objects ready now come first (so a timeout of 0 polls them); the rest are linked.
  const done: T[] = list.filter((o) => o.ready());
  const pending = list.filter((o) => !o.ready());
  let waiter: Waiter<void> | null = null;
  const onReady = (o: T): void => {
    done.push(o);
    waiter?.wake(undefined);
  };
  for (const o of pending) o.rawlink(onReady);
  try {
    for (let yielded = 0; yielded < count; yielded++) {
      while (done.length === 0) {
        const left = deadline - performance.now();
        if (left <= 0) return;
        waiter = park<void>(null, null, 'iwait', deadline === Infinity ? null : left / 1000, expireUndefined);
        waiter.exitValue = undefined;
        await waiter.promise;
        waiter = null;
        if (done.length === 0 && deadline !== Infinity && performance.now() >= deadline) return;
      }
      yield done.shift()!;
    }
  } finally {
    waiter?.wake(undefined);
    for (const o of pending) o.unlink(onReady);
  }
}

function expireUndefined(w: Waiter<void>): void {
  w.wake(undefined);
}

/**
 * Collect objects as they become ready until `count` are, `stop(o)` says so,
 * or the timeout passes. One waiter for the whole wait (not one per object).
 */
async function gather<T extends Waitable>(
  list: T[],
  options: WaitOptions | undefined,
  stop: ((o: T) => boolean) | null,
): Promise<T[]> {
  const count = Math.min(options?.count ?? list.length, list.length);
  const ready: T[] = [];
  const pending: T[] = [];
  // Indexed loops: this runs once per call over every object, mostly before
  // the optimizing compiler sees it, where `for…of` allocates per element.
  for (let i = 0; i < list.length; i++) {
    const o = list[i]!;
    if (o.ready()) ready.push(o);
    else pending.push(o);
  }
  if (ready.length >= count || (stop && ready.some(stop))) return ready.slice(0, count);
  const w = park<void>(null, null, 'wait', options?.timeout, expireUndefined);
  w.exitValue = undefined;
  const onReady = (o: T): void => {
    // Once woken (count reached, stop, expiry) later notices are ignored: several
    // objects can become ready in one hub turn, and `ready` is handed to the caller.
    if (w.settled) return;
    ready.push(o);
    if (ready.length >= count || (stop && stop(o))) w.wake(undefined);
  };
  for (let i = 0; i < pending.length; i++) pending[i]!.rawlink(onReady);
  try {
    await w.promise;
  } finally {
    for (let i = 0; i < pending.length; i++) pending[i]!.unlink(onReady);
  }
  return ready;
}

/**
 * Wait until `count` (default all) of the objects are ready, or `timeout`
 * seconds pass; resolves to those that are ready, in completion order.
 * Without objects, waits for the hub to have no greenlet left (gevent's `wait()`).
 *
 * @example
 * const done = await wait([g1, g2, ev], { count: 1, timeout: 5 });
 */
export function wait<T extends Waitable>(objects?: Iterable<T> | null, options?: WaitOptions): Promise<T[]> {
  checkWaitOptions(options);
  if (objects == null) return getHub().join(options?.timeout).then(() => []);
  return gather(toList(objects, 'objects'), options, null);
}

const failed = (g: Greenlet<any>): boolean => !g.successful();

/**
 * Wait for the greenlets to finish; resolves to those that did, in completion
 * order. With `raiseError`, throws the first failure as soon as it happens.
 *
 * @example
 * const finished = await joinAll(greenlets, { timeout: 10 });
 */
export function joinAll<G extends Greenlet<any>>(greenlets: Iterable<G>, options?: JoinAllOptions): Promise<G[]> {
  const list = toList(greenlets, 'greenlets');
  checkWaitOptions(options);
  const raiseError = options?.raiseError ?? false;
  checkBoolean(raiseError, 'options.raiseError');
  return joinList(list, options, raiseError);
}

async function joinList<G extends Greenlet<any>>(list: G[], options: WaitOptions | undefined, raiseError: boolean): Promise<G[]> {
  const finished = await gather(list, options, raiseError ? failed : null);
  if (raiseError) {
    const bad = finished.find(failed);
    if (bad) throw bad.exception;
  }
  return finished;
}

/**
 * Kill every greenlet (default with GreenletExit); with `block`, wait until
 * all are dead, at most `timeout` seconds.
 *
 * @example
 * await killAll(workers, { timeout: 5 });
 */
export function killAll(greenlets: Iterable<Greenlet<any>>, options?: KillAllOptions): Promise<void> {
  const list = toList(greenlets, 'greenlets');
  checkOptions(options, 'options');
  const block = options?.block ?? true;
  checkBoolean(block, 'options.block');
  checkSeconds(options?.timeout, 'options.timeout');
  return killList(list, killException(options), block, options?.timeout);
}

async function killList(list: Greenlet<any>[], exception: Error, block: boolean, timeout: number | null | undefined): Promise<void> {
  // The caller, if listed, goes last: killing it throws here and ends this call.
  const me = getCurrent();
  const others = list.filter((g) => g !== me);
  for (const g of others) void g.kill(exception, { block: false });
  if (block) await joinAll(others, { timeout });
  if (others.length < list.length) await me.kill(exception);
}
