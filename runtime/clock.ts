/**
 * A monotonic clock in milliseconds for the runtime's own budgets and
 * deadlines. `performance.now()` would do, but the first use of
 * `performance` (the global or `node:perf_hooks`) loads the perf_hooks
 * machinery, ~12 ms before the app's first greenlet runs; `process.hrtime`
 * is already there. Its origin is arbitrary: compare its readings only with
 * each other.
 *
 * @module
 */

/**
 * Milliseconds on a monotonic clock with an arbitrary origin.
 *
 * @example
 * const start = nowMs();
 * if (nowMs() - start > 5) yieldNow();
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
