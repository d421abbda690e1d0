/**
 * Error classes shared by the native and the green shims.
 *
 * They mirror Python's `threading` errors: `BrokenBarrierError`, `_thread.error`
 * (a RuntimeError, here {@link ThreadError}) and the `SystemExit` that
 * `_thread.exit()` raises (here {@link ThreadExit}). Each has a stable `name`
 * and a `code` like every green-loader error.
 *
 * @module
 */
import { GreenError, named } from '../../runtime/errors.js';

/**
 * Python's `threading.BrokenBarrierError`: the barrier was aborted, reset
 * while threads waited, timed out, or its action failed.
 *
 * @example
 * try { await barrier.wait(); } catch (e) { if (e instanceof BrokenBarrierError) giveUp(); }
 */
export class BrokenBarrierError extends GreenError {
  constructor(message = 'barrier is broken') {
    super(message, 'ERR_GREEN_BROKEN_BARRIER');
  }
}
named(BrokenBarrierError, 'BrokenBarrierError');

/**
 * Python's `_thread.error` (= RuntimeError): a thread or lock used in a way
 * its state forbids, with Python's message ("release unlocked lock",
 * "cannot join current thread", "threads can only be started once",
 * "cannot release un-acquired lock", "Semaphore released too many times").
 *
 * @example
 * try { lock.release(); } catch (e) { if (e instanceof ThreadError) console.log(e.message); }
 */
export class ThreadError extends GreenError {
  constructor(message: string) {
    super(message, 'ERR_GREEN_THREAD');
  }
}
named(ThreadError, 'ThreadError');

/**
 * Thrown by `thread.exit()` (Python's `SystemExit` from `_thread.exit()`): it
 * unwinds the current thread, running `finally` blocks; the thread runner
 * ends the thread quietly and excepthooks ignore it.
 *
 * @example
 * if (done) thread.exit(); // in a thread: ends it without a report
 */
export class ThreadExit extends GreenError {
  constructor(message = 'thread exit') {
    super(message, 'ERR_GREEN_THREAD_EXIT');
  }
}
named(ThreadExit, 'ThreadExit');
