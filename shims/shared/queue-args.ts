/**
 * The arguments of Python's `queue` API, checked the same way by the green
 * and the native `queue` shims: `block` and `immediate` are Python truth
 * values, `timeout` a number of seconds or `null`, `maxsize` an integer.
 *
 * @module
 */
import { checkSeconds } from '../../runtime/validate.js';

/**
 * Python's truth value of a scalar argument: `false`, `0`, `0n`, `''`,
 * `null` (None) are false; `true`, other numbers and strings are true;
 * `undefined` is the argument's default. Anything else — an object, an
 * array, a function — is a TypeError: Python's queue takes positional
 * arguments, and an options bag such as `get({ timeout: 1 })` would
 * otherwise silently mean "block forever".
 *
 * @example
 * truthValue(0, 'block', true);         // false
 * truthValue(undefined, 'block', true); // true (the default)
 * truthValue({ timeout: 1 }, 'block', true); // TypeError
 */
export function truthValue(value: unknown, name: string, byDefault: boolean): boolean {
  switch (typeof value) {
    case 'undefined':
      return byDefault;
    case 'boolean':
      return value;
    case 'number':
      return value !== 0; // Python: bool(float('nan')) is True
    case 'bigint':
      return value !== 0n;
    case 'string':
      return value !== '';
    default:
      if (value === null) return false;
      throw new TypeError(
        `${name} must be a boolean (or a number, string or null, read as Python truth values), got ${Object.prototype.toString.call(value)}: ` +
          'the queue shim takes positional arguments, as in put(item, block, timeout) and get(block, timeout)',
      );
  }
}

/**
 * Check a `timeout` (seconds, or `null`/`undefined` for none) and a `block`
 * argument; returns `block` as a boolean. A timeout is checked even when
 * `block` is false (Python ignores it then): a negative one is a RangeError
 * either way, where Python raises ValueError.
 *
 * @example
 * const block = blockArgs(block, timeout); // RangeError for timeout = -1
 */
export function blockArgs(block: unknown, timeout: unknown): boolean {
  const blocking = truthValue(block, 'block', true);
  checkSeconds(timeout, 'timeout');
  return blocking;
}

/**
 * Check a `maxsize`: an integer (Python: `maxsize <= 0` means unbounded);
 * `undefined` and `null` read as 0.
 *
 * @example
 * checkMaxsize(100); // 100
 * checkMaxsize(-1);  // -1: unbounded, like Python's
 * checkMaxsize(1.5); // RangeError
 */
export function checkMaxsize(maxsize: unknown): number {
  if (maxsize === undefined || maxsize === null) return 0;
  if (typeof maxsize !== 'number') throw new TypeError(`maxsize must be an integer, got ${typeof maxsize === 'string' ? JSON.stringify(maxsize) : String(maxsize)}`);
  if (!Number.isSafeInteger(maxsize)) throw new RangeError(`maxsize must be an integer (<= 0 means unbounded), got ${maxsize}`);
  return maxsize;
}
