/**
 * Python's `_thread.error` and `_thread.exit()`, the same for both flavours.
 *
 * `exit()` throws `ThreadExit`, which the thread runner (a native worker or a
 * green Thread) treats as a quiet end of the thread; on the main thread it is
 * an ordinary exception.
 *
 * @module
 */
import { ThreadError, ThreadExit } from './errors.js';

/**
 * Python's `_thread.error` (a RuntimeError): {@link ThreadError}.
 *
 * @example
 * try { lock.release(); } catch (e) { if (e instanceof error) … }
 */
export const error = ThreadError;

/**
 * End the calling thread (Python's `_thread.exit()`): throws `ThreadExit`,
 * so `finally` blocks run; the thread runner ends the thread without a report.
 *
 * @example
 * if (done) exit();
 */
export function exit(): never {
  throw new ThreadExit();
}
