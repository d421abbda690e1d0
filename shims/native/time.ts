/**
 * Python's `time` for native threads — the implementation that
 * `green-loader/time` exports until `time` is patched.
 *
 * `sleep()` blocks the calling OS thread like Python's (`Atomics.wait`):
 * nothing else in that thread runs meanwhile. It returns a resolved Promise
 * so `await time.sleep(s)` reads the same as the green version. Clocks:
 * `time()`/`time_ns()` are wall-clock seconds/nanoseconds since the epoch
 * (microsecond resolution); `monotonic()`/`perf_counter()` come from one
 * process-wide monotonic clock, so values from different threads compare.
 *
 * @module
 */
import { checkSeconds } from '../../runtime/validate.js';

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

/**
 * Seconds since the epoch, as a float.
 *
 * @example
 * const started = time();
 */
export function time(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

/**
 * Nanoseconds since the epoch, as a bigint.
 *
 * @example
 * const stamp = time_ns();
 */
export function time_ns(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
}

/**
 * Seconds of a monotonic clock (only differences are meaningful).
 *
 * @example
 * const t0 = monotonic(); work(); const elapsed = monotonic() - t0;
 */
export function monotonic(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/**
 * Seconds of the highest-resolution monotonic clock (same clock as {@link monotonic}).
 *
 * @example
 * const t0 = perf_counter();
 */
export function perf_counter(): number {
  return monotonic();
}
