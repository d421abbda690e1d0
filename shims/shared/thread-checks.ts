/**
 * Python's state checks of `Thread.start()`, `Thread.daemon = …` and
 * `Thread.join()`, with Python's messages, for both the green and the
 * native Thread: the flavours track "started" and "current" differently, so
 * they pass those facts in and the rules and wording live here once.
 *
 * @module
 */
import { ThreadError } from './errors.js';
import { checkTimeout } from './timeout.js';
import { truth } from './truth.js';

/**
 * Refuse a second `start()`: ThreadError "threads can only be started once".
 *
 * @example
 * checkStartable(this.#state !== 'initial');
 */
export function checkStartable(started: boolean): void {
  if (started) throw new ThreadError('threads can only be started once');
}

/**
 * Check a new daemon flag, set before `start()` (ThreadError "cannot set
 * daemon status of active thread"), and return its Python truth value.
 *
 * @example
 * this.#daemon = checkDaemonSettable(value, this.#greenlet !== null);
 */
export function checkDaemonSettable(value: unknown, started: boolean): boolean {
  if (started) throw new ThreadError('cannot set daemon status of active thread');
  return truth(value);
}

/**
 * Check `join(timeout)`: a valid timeout, a started thread (ThreadError
 * "cannot join thread before it is started") that is not the caller
 * ("cannot join current thread").
 *
 * @example
 * checkJoinable(timeout, greenlet !== null, () => greenlet === getCurrent());
 */
export function checkJoinable(timeout: unknown, started: boolean, isCurrent: () => boolean): asserts timeout is number | null | undefined {
  checkTimeout(timeout, 'timeout');
  if (!started) throw new ThreadError('cannot join thread before it is started');
  if (isCurrent()) throw new ThreadError('cannot join current thread');
}
