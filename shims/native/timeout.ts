/**
 * Timeouts of native waits: the Python limit, the argument checks and the
 * deadline arithmetic shared by every waiting call.
 *
 * A timeout is in seconds; `undefined`/`null` mean "no limit" (Python's
 * `None`). Deadlines are `performance.now()` milliseconds of the calling
 * thread, or `null` for none.
 *
 * @module
 */
import { checkAcquireArgs, checkBoolean, checkSeconds, MAX_SECONDS } from '../../runtime/validate.js';

/**
 * The largest timeout accepted, in seconds (the longest Node timer delay).
 *
 * @example
 * await lock.acquire(true, TIMEOUT_MAX);
 */
export const TIMEOUT_MAX = MAX_SECONDS;

/**
 * Check an optional timeout: a finite number of seconds in `[0, TIMEOUT_MAX]`.
 *
 * @example
 * checkTimeout(timeout, 'timeout'); // RangeError for -1, NaN or 1e12
 */
export function checkTimeout(value: unknown, name: string): asserts value is number | null | undefined {
  // Python's OverflowError text for the shims, before the runtime's own check says the same.
  if (typeof value === 'number' && value > TIMEOUT_MAX && value !== Infinity) {
    throw new RangeError(`${name} value is too large (TIMEOUT_MAX is ${TIMEOUT_MAX}), got ${value}`);
  }
  checkSeconds(value, name);
}

/**
 * The deadline `timeout` seconds from now, or `null` for no timeout.
 *
 * @example
 * const deadline = deadlineAfter(timeout);
 */
export function deadlineAfter(timeout: number | null | undefined): number | null {
  return timeout == null ? null : performance.now() + timeout * 1000;
}

/**
 * Check Python's `acquire(blocking=True, timeout=None)` arguments and return
 * the deadline. A timeout with `blocking = false` is refused like Python does.
 *
 * @example
 * const deadline = acquireDeadline(blocking, timeout);
 */
export function acquireDeadline(blocking: unknown, timeout: unknown): number | null {
  checkBoolean(blocking, 'blocking');
  checkTimeout(timeout, 'timeout');
  checkAcquireArgs(blocking, timeout); // the rule the runtime's locks follow too, in one place
  return deadlineAfter(timeout as number | null | undefined);
}
