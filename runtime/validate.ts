/**
 * Argument checks shared by every public entry point.
 *
 * Each check fails fast with a TypeError or RangeError whose message names the
 * argument, so a caller sees `timeout must be a non-negative number, got -1`
 * instead of a hang or a NaN timer. One copy lives here; modules import it.
 *
 * @module
 */
import { builtin } from './builtin.js';

/** Render a received value for an error message without throwing on odd inputs. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'symbol' || typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return String(value);
  return Object.prototype.toString.call(value);
}

/**
 * The longest timer Node arms (2^31 - 1 ms): a longer one would fire at once
 * with a TimeoutOverflowWarning, so longer durations are refused.
 *
 * @example
 * checkSeconds(MAX_SECONDS + 1, 'timeout'); // RangeError: timeout must be at most 2147483 seconds …
 */
export const MAX_SECONDS = 2_147_483;

/**
 * Check an optional duration in seconds: `undefined`/`null` mean "no limit";
 * anything else must be a finite number from 0 to {@link MAX_SECONDS}.
 *
 * @example
 * checkSeconds(timeout, 'timeout'); // throws RangeError for -1 or NaN
 */
export function checkSeconds(value: unknown, name: string): asserts value is number | null | undefined {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number of seconds, got ${show(value)}`);
  if (!(value >= 0) || value === Infinity) {
    throw new RangeError(`${name} must be a finite number of seconds >= 0, got ${show(value)}`);
  }
  if (value > MAX_SECONDS) {
    throw new RangeError(`${name} must be at most ${MAX_SECONDS} seconds (Node's longest timer; use null to wait without limit), got ${show(value)}`);
  }
}

/**
 * Check a duration that must be given: like {@link checkSeconds}, but
 * `undefined` and `null` are refused too (TypeError).
 *
 * @example
 * checkRequiredSeconds(seconds, 'seconds'); // sleep(null) → TypeError
 */
export function checkRequiredSeconds(value: unknown, name: string): asserts value is number {
  if (value === undefined || value === null) throw new TypeError(`${name} must be a number of seconds, got ${show(value)}`);
  checkSeconds(value, name);
}

/**
 * Check that a value is callable.
 *
 * @example
 * checkFunction(fn, 'fn'); // TypeError: fn must be a function, got 42
 */
export function checkFunction(value: unknown, name: string): asserts value is (...args: any[]) => unknown {
  if (typeof value !== 'function') throw new TypeError(`${name} must be a function, got ${show(value)}`);
}

/**
 * Check an integer with a lower bound (`min`, default 0).
 *
 * @example
 * checkInteger(value, 'value', 0); // Semaphore(-1) → RangeError
 */
export function checkInteger(value: unknown, name: string, min = 0): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be an integer, got ${show(value)}`);
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${show(value)}`);
  }
}

/**
 * Check an optional options bag: `undefined` or a plain object.
 *
 * @example
 * checkOptions(options, 'options');
 */
export function checkOptions(value: unknown, name: string): asserts value is object | undefined {
  if (value !== undefined && (value === null || typeof value !== 'object')) {
    throw new TypeError(`${name} must be an object, got ${show(value)}`);
  }
}

/**
 * Check that a value is a (sync or async) iterable.
 *
 * @example
 * checkIterable(items, 'iterable'); // pool.map(fn, 42) → TypeError
 */
export function checkIterable(value: unknown, name: string): asserts value is Iterable<unknown> | AsyncIterable<unknown> {
  const v = value as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null | undefined;
  if (v == null || (typeof v[Symbol.iterator] !== 'function' && typeof v[Symbol.asyncIterator] !== 'function')) {
    throw new TypeError(`${name} must be an iterable or async iterable, got ${show(value)}`);
  }
}

/**
 * Check that a value is a boolean.
 *
 * @example
 * checkBoolean(blocking, 'blocking');
 */
export function checkBoolean(value: unknown, name: string): asserts value is boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${show(value)}`);
}

/**
 * Check `acquire(blocking, timeout)` of any lock: a boolean, an optional
 * duration, and no timeout on a non-blocking call (RangeError, as Python's
 * ValueError: "can't specify a timeout for a non-blocking call").
 *
 * @example
 * checkAcquireArgs(false, 5); // RangeError
 */
export function checkAcquireArgs(blocking: unknown, timeout: unknown): void {
  checkBoolean(blocking, 'blocking');
  checkSeconds(timeout, 'timeout');
  if (!blocking && timeout != null) throw new RangeError(`can't specify a timeout for a non-blocking call, got timeout ${show(timeout)}`);
}

/** An Error subclass `kill()` may be given instead of an instance. */
export type ErrorClass = new () => Error;

/**
 * What `kill()` throws into a greenlet: an Error (of this realm or another),
 * or an Error class, instantiated without arguments as gevent instantiates
 * an exception class. Anything else (null, 0, a string, a symbol, a plain
 * object) is a TypeError: a greenlet killed with it would fail with a value
 * no report can name.
 *
 * @example
 * const error = toException(RangeError, 'exception'); // a new RangeError
 */
export function toException(value: unknown, name: string): Error {
  if (value instanceof Error || builtin('node:util').types.isNativeError(value)) return value as Error;
  if (typeof value === 'function' && (value === Error || value.prototype instanceof Error)) return new (value as ErrorClass)();
  throw new TypeError(`${name} must be an Error or an Error class, got ${show(value)}`);
}
