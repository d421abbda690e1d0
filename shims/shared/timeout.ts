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
import { checkSeconds, MAX_SECONDS } from '../../runtime/validate.js';
import { truth } from './truth.js';

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
 * Python's `acquire(blocking=True, timeout=-1)` arguments, checked and
 * normalized: `blocking` by its truth value (`acquire(0)` is non-blocking),
 * a timeout of `-1` (Python's default) or `null` means none. A timeout with
 * a non-blocking call is refused like Python does.
 *
 * @example
 * ({ blocking, timeout } = acquireArgs(blocking, timeout));
 */
export function acquireArgs(blocking: unknown, timeout: unknown): { blocking: boolean; timeout: number | null } {
  const block = truth(blocking);
  const limit = timeout === -1 ? null : timeout;
  checkTimeout(limit, 'timeout');
  if (!block && limit != null) throw new RangeError(`can't specify a timeout for a non-blocking call, got timeout ${limit}`);
  return { blocking: block, timeout: limit ?? null };
}

/**
 * Check Python's `acquire(blocking=True, timeout=-1)` arguments (see
 * {@link acquireArgs}) and return the deadline.
 *
 * @example
 * const deadline = acquireDeadline(blocking, timeout);
 */
export function acquireDeadline(blocking: unknown, timeout: unknown): number | null {
  return deadlineAfter(acquireArgs(blocking, timeout).timeout);
}
