/**
 * The one waiting primitive of the native shim: wait, without blocking the
 * event loop, until a shared `Int32Array` cell changes or is notified.
 *
 * Built on `Atomics.waitAsync`; a hold on the event loop
 * ({@link holdOpen}) keeps the thread alive while the wait is pending.
 * Callers loop: re-check their condition after every wake-up.
 *
 * @module
 */
import { holdOpen } from './keep-alive.js';

type WaitAsyncResult = { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as {
  waitAsync(cell: Int32Array, index: number, value: number, timeout: number): WaitAsyncResult;
}).waitAsync;

/**
 * Wait while `cell[index] === value`, until notified or `deadline`
 * (`performance.now()` ms, `null` = none). Resolves `false` only when the
 * deadline passed; `true` means "look again".
 *
 * @example
 * while (!tryTake()) if (!(await waitWhile(cell, 0, 1, deadline))) return false;
 */
export async function waitWhile(cell: Int32Array, index: number, value: number, deadline: number | null): Promise<boolean> {
  const remaining = deadline === null ? Infinity : deadline - performance.now();
  if (remaining <= 0) return false;
  const result = waitAsync(cell, index, value, remaining);
  if (!result.async) return result.value === 'not-equal';
  const release = holdOpen();
  try {
    return (await result.value) === 'ok';
  } finally {
    release();
  }
}
