/**
 * Event and AsyncResult: one-shot (or resettable) signals between greenlets.
 *
 * Event is a flag that greenlets wait to see set; AsyncResult also carries a
 * value or an error (a future). Both wake waiters in arrival order, let
 * callbacks subscribe with `rawlink`, and work with `wait()`/`iwait()`.
 *
 * @module
 */
import { getHub } from './hub.js';
import { Timeout } from './timeout.js';
import { checkBoolean, checkFunction, checkOptions, checkSeconds } from './validate.js';
import { expireWith, park, WaitList, type Waiter } from './waiter.js';

/** A callback registered with `rawlink`: receives the object that became ready. */
export type RawLink<S> = (source: S) => unknown;

interface Notice<S> {
  readonly source: S;
  readonly callback: RawLink<S>;
}

function notify(n: Notice<any>): void {
  n.callback(n.source);
}

/** Shared by Event and AsyncResult: waiters, rawlinks, notification. */
abstract class Signal<S> {
  /** @internal */ protected waiters: WaitList | null = null;
  private links: RawLink<S>[] | null = null;

  /** True when waiting would return at once. */
  abstract ready(): boolean;

  /** Number of greenlets waiting (introspection; 0 after a kill or timeout). */
  get waiterCount(): number {
    return this.waiters?.length ?? 0;
  }

  /**
   * Call `callback(this)` from the hub when ready (at once if it already is).
   *
   * @example
   * ev.rawlink(() => console.log('set'));
   */
  rawlink(callback: RawLink<S>): void {
    checkFunction(callback, 'callback');
    (this.links ??= []).push(callback);
    if (this.ready()) this.notifyLinks();
  }

  /**
   * Remove a callback added by `rawlink`.
   *
   * @example
   * ev.unlink(onSet);
   */
  unlink(callback: RawLink<S>): void {
    const i = this.links?.indexOf(callback) ?? -1;
    if (i >= 0) this.links!.splice(i, 1);
  }

  protected wakeWaiters(value: unknown): void {
    this.waiters?.wakeAll(value);
    if (this.links?.length) this.notifyLinks();
  }

  private notifyLinks(): void {
    const links = this.links!;
    this.links = null;
    const hub = getHub();
    for (const callback of links) hub.schedule(notify, { source: this as unknown as S, callback });
  }
}

/**
 * A flag greenlets wait on.
 *
 * @example
 * const ready = new Event();
 * spawn(async () => { await ready.wait(); console.log('go'); });
 * ready.set();
 */
export class Event extends Signal<Event> {
  private flag = false;

  /** True once set (and not cleared). */
  isSet(): boolean {
    return this.flag;
  }

  /** The same as `isSet()`. */
  ready(): boolean {
    return this.flag;
  }

  /**
   * Set the flag and wake every waiter.
   *
   * @example
   * done.set();
   */
  set(): void {
    this.flag = true;
    this.wakeWaiters(true);
  }

  /**
   * Reset the flag; later `wait()` calls block again.
   *
   * @example
   * tick.clear();
   */
  clear(): void {
    this.flag = false;
  }

  /**
   * Wait until set. Resolves true, or false if `timeout` seconds passed first.
   *
   * @example
   * if (!(await ev.wait(5))) console.log('gave up');
   */
  wait(timeout?: number | null): Promise<boolean> {
    checkSeconds(timeout, 'timeout');
    if (this.flag) return Promise.resolve(true);
    return park<boolean>((this.waiters ??= new WaitList()), this, 'Event.wait', timeout, expireWith(false)).promise;
  }
}

/** Options of {@link AsyncResult.get}. */
export interface ResultGetOptions {
  /** Wait for the result (default true); false throws Timeout when not ready. */
  block?: boolean;
  /** Seconds to wait before throwing Timeout. */
  timeout?: number | null;
}

function expireTimeout(w: Waiter<any>): void {
  w.fail(new Timeout(null, 'timed out waiting for the result'));
}

/**
 * A value (or error) that arrives later, once: gevent's AsyncResult.
 *
 * @example
 * const result = new AsyncResult<number>();
 * spawn(async () => result.set(await compute()));
 * console.log(await result.get({ timeout: 10 }));
 */
export class AsyncResult<T = unknown> extends Signal<AsyncResult<T>> {
  /** The value once set successfully. */
  value: T | undefined = undefined;
  /** The error once set with `setException`. */
  exception: unknown = undefined;
  private state: 0 | 1 | 2 = 0; // empty, value, exception

  /** True once a value or an error was set. */
  ready(): boolean {
    return this.state !== 0;
  }

  /** True once a value was set. */
  successful(): boolean {
    return this.state === 1;
  }

  /**
   * Store the value and wake every waiter. Setting again replaces it (as in gevent).
   *
   * @example
   * result.set(42);
   */
  set(value: T): void {
    this.value = value;
    this.exception = undefined;
    this.state = 1;
    this.wakeWaiters(undefined);
  }

  /**
   * Store an error: `get()` throws it.
   *
   * @example
   * result.setException(new Error('no route'));
   */
  setException(error: unknown): void {
    this.exception = error;
    this.state = 2;
    this.wakeWaiters(undefined);
  }

  /**
   * The value, or the stored error thrown; Timeout when not ready in time (or
   * at once with `{ block: false }`).
   *
   * @example
   * const v = await result.get({ timeout: 1 });
   */
  get(options?: ResultGetOptions): Promise<T> {
    checkOptions(options, 'options');
    const block = options?.block ?? true;
    checkBoolean(block, 'options.block');
    checkSeconds(options?.timeout, 'options.timeout');
    return this.getChecked(block, options?.timeout);
  }

  private async getChecked(block: boolean, timeout: number | null | undefined): Promise<T> {
    if (this.state === 0) {
      if (!block) throw new Timeout(0, 'result is not ready');
      await park((this.waiters ??= new WaitList()), this, 'AsyncResult.get', timeout, expireTimeout).promise;
    }
    if (this.state === 2) throw this.exception;
    return this.value as T;
  }

  /**
   * Wait until ready, without throwing the stored error. Resolves to the value
   * (undefined after an error or a timeout), as gevent's `wait()`.
   *
   * @example
   * await result.wait(1);
   */
  wait(timeout?: number | null): Promise<T | undefined> {
    checkSeconds(timeout, 'timeout');
    return this.waitChecked(timeout);
  }

  private async waitChecked(timeout: number | null | undefined): Promise<T | undefined> {
    if (this.state === 0) {
      await park((this.waiters ??= new WaitList()), this, 'AsyncResult.wait', timeout, expireWith(undefined)).promise;
    }
    return this.value;
  }
}
