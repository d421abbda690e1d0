/**
 * Timeout: an error thrown into the greenlet that started it, after a while.
 *
 * A Timeout belongs to the greenlet that called `start()`; when it expires it
 * reaches that greenlet at its current switch point (or its next one) and
 * aborts the greenlet's `signal`, so foreign work given that signal stops too.
 * Nested timeouts are told apart by identity: catch yours with `e === t`.
 * `withTimeout()` is the scoped form and always cancels.
 *
 * @module
 */
import { getCurrent } from './current.js';
import { GreenError, InvalidState, named } from './errors.js';
import type { Greenlet } from './greenlet.js';
import { checkFunction, checkOptions, checkSeconds } from './validate.js';

/**
 * A timer that throws into the greenlet that started it.
 *
 * @example
 * const t = Timeout.startNew(2);
 * try { await q.get(); }
 * catch (e) { if (e !== t) throw e; console.log('no item within 2 s'); }
 * finally { t.cancel(); }
 */
export class Timeout extends GreenError {
  /** Seconds until expiry; null or undefined: never. */
  readonly seconds: number | null | undefined;
  /** What to throw instead of the Timeout itself (an Error), if given. */
  readonly exception: Error | undefined;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private owner: Greenlet<any> | null = null;
  private thrown: unknown = undefined;

  /**
   * @param seconds - when to expire; `null`/`undefined` never expires.
   * @param exception - an Error to throw instead, or a string: the message.
   */
  constructor(seconds?: number | null, exception?: Error | string) {
    checkSeconds(seconds, 'seconds');
    if (exception !== undefined && typeof exception !== 'string' && !(exception instanceof Error)) {
      throw new TypeError(`exception must be an Error or a string, got ${typeof exception}`);
    }
    const message = typeof exception === 'string' ? exception : seconds == null ? 'Timeout' : `${seconds} second${seconds === 1 ? '' : 's'}`;
    super(message, 'ERR_GREEN_TIMEOUT');
    this.seconds = seconds;
    this.exception = exception instanceof Error ? exception : undefined;
  }

  /**
   * Create and start a Timeout.
   *
   * @example
   * using t = Timeout.startNew(1);
   */
  static startNew(seconds?: number | null, exception?: Error | string): Timeout {
    const t = new Timeout(seconds, exception);
    t.start();
    return t;
  }

  /** True while started and not yet expired or cancelled. */
  get pending(): boolean {
    return this.timer !== null;
  }

  /**
   * Arm the timer for the current greenlet. Throws {@link InvalidState} if already pending.
   *
   * @example
   * const t = new Timeout(0.5); t.start();
   */
  start(): void {
    if (this.timer) throw new InvalidState('this Timeout is already pending');
    // Re-armed after an expiry that was never delivered: that old throw is moot.
    if (this.owner && this.thrown !== undefined) this.owner._withdraw(this.thrown);
    this.owner = getCurrent();
    this.thrown = undefined;
    if (this.seconds != null) this.timer = setTimeout(fire, this.seconds * 1000, this);
  }

  /**
   * Disarm. If it already expired but was not yet delivered, it never will be.
   *
   * @example
   * t.cancel();
   */
  cancel(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.owner && this.thrown !== undefined) this.owner._withdraw(this.thrown);
    this.owner = null;
  }

  /** The same as `cancel()` (gevent's name). */
  close(): void {
    this.cancel();
  }

  /** `using t = Timeout.startNew(1)` cancels at scope exit. */
  [Symbol.dispose](): void {
    this.cancel();
  }

  /** @internal True if `error` is this timeout's delivery (itself, its exception, or an abort caused by it). */
  _isMine(error: unknown): boolean {
    if (this.thrown === undefined) return false;
    return error === this.thrown || (error as { cause?: unknown } | null)?.cause === this.thrown;
  }

  /** @internal */
  _fire(): void {
    this.timer = null;
    this.thrown = this.exception ?? this;
    this.owner?._throw(this.thrown, false);
  }
}
named(Timeout, 'Timeout');

function fire(t: Timeout): void {
  t._fire();
}

/** Options of {@link withTimeout}. */
export interface WithTimeoutOptions<V> {
  /** Returned instead of throwing when the time runs out (present even if undefined). */
  timeoutValue?: V;
}

/**
 * Run `fn()` under a Timeout of `seconds`. On expiry throw the Timeout, or,
 * when `options` has a `timeoutValue` key (even `undefined`), return it.
 *
 * @example
 * const body = await withTimeout(5, () => waitFor(fetch(url, { signal: getCurrent().signal })));
 * const item = await withTimeout(1, () => q.get(), { timeoutValue: null });
 */
export function withTimeout<T, V = never>(
  seconds: number | null | undefined,
  fn: () => T | PromiseLike<T>,
  options?: WithTimeoutOptions<V>,
): Promise<T | V> {
  checkSeconds(seconds, 'seconds');
  checkFunction(fn, 'fn');
  checkOptions(options, 'options');
  return runWithTimeout(seconds, fn, options);
}

async function runWithTimeout<T, V>(seconds: number | null | undefined, fn: () => T | PromiseLike<T>, options: WithTimeoutOptions<V> | undefined): Promise<T | V> {
  const t = Timeout.startNew(seconds);
  try {
    return await fn();
  } catch (error) {
    if (!t._isMine(error)) throw error;
    if (options && 'timeoutValue' in options) return options.timeoutValue as V;
    // Ours, possibly as the AbortError of foreign work given the signal: throw the Timeout itself.
    throw t.exception ?? t;
  } finally {
    t.cancel();
  }
}
