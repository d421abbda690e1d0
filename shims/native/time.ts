/**
 * Python's `time` for native threads — the implementation that
 * `green-loader/time` exports until `time` is patched.
 *
 * `sleep()` blocks the calling OS thread like Python's (`Atomics.wait`):
 * nothing else in that thread runs meanwhile. It returns a resolved Promise
 * so `await time.sleep(s)` reads the same as the green version. The clocks
 * are the same for both flavours (`shims/shared/clocks`).
 *
 * @module
 */
import { checkSeconds } from '../../runtime/validate.js';

export { monotonic, perf_counter, time, time_ns } from '../shared/clocks.js';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Block the calling OS thread for `seconds` (a finite number >= 0).
 *
 * @example
 * await sleep(0.1);
 */
export function sleep(seconds: number): Promise<void> {
  if (seconds == null) throw new TypeError(`seconds must be a number, got ${seconds}`);
  checkSeconds(seconds, 'seconds');
  Atomics.wait(sleeper, 0, 0, seconds * 1000);
  return Promise.resolve();
}
