/**
 * Python's `time` clocks, the same for both flavours (nothing to make
 * cooperative): `time()`/`time_ns()` are wall-clock seconds/nanoseconds since
 * the epoch (microsecond resolution); `monotonic()`/`perf_counter()` come
 * from one process-wide monotonic clock, so values from different threads
 * compare.
 *
 * @module
 */

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
