/**
 * Python's `time` for green threads (what `patchTime()` installs):
 * `sleep()` yields to the hub, so other greenlets run while one sleeps,
 * instead of blocking the OS thread like the native `sleep`. The clocks are
 * the shared ones (nothing to make cooperative), re-exported so the module
 * is complete; only `sleep` is replaced (`__implements__`).
 *
 * @example
 * import { sleep, monotonic } from 'green-loader/green/time';
 * const t0 = monotonic(); await sleep(0.1); // other greenlets ran meanwhile
 *
 * @module
 */
import { sleep as hubSleep } from '../../runtime/sleep.js';
import { checkTimeout } from '../shared/timeout.js';

export { monotonic, perf_counter, time, time_ns } from '../shared/clocks.js';

/**
 * The facade this module patches.
 *
 * @example
 * patchModule(__target__, greenTime);
 */
export const __target__ = 'time';

/**
 * The names of `time` this module replaces.
 *
 * @example
 * __implements__; // ['sleep']
 */
export const __implements__: string[] = ['sleep'];

/**
 * Sleep `seconds` (a finite number >= 0, at most `TIMEOUT_MAX`), letting
 * every other greenlet run meanwhile; `sleep(0)` just yields once.
 *
 * @example
 * await sleep(0.5);
 */
export function sleep(seconds: number): Promise<void> {
  if (seconds == null) throw new TypeError(`seconds must be a number, got ${seconds}`);
  checkTimeout(seconds, 'seconds');
  return hubSleep(seconds);
}
