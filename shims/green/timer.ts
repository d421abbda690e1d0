/**
 * Python's `threading.Timer` for green threads: a green thread that calls a
 * function after a delay unless `cancel()` came first.
 *
 * @module
 */
import type { ThreadTarget } from '../shared/target.js';
import { newThreadName } from '../shared/thread-options.js';
import { checkInterval, runTimer } from '../shared/timer-base.js';
import { Event } from './event.js';
import { Thread } from './thread-class.js';

/**
 * Call `fn(...args, kwargs?)` in a new green thread after `interval`
 * seconds, unless `cancel()` came first.
 *
 * @example
 * const t = new Timer(30, () => console.log('timed out'));
 * t.start();
 * t.cancel();
 */
export class Timer extends Thread {
  readonly #interval: number;
  readonly #finished = new Event();

  /**
   * @param interval delay in seconds.
   * @param fn what to call: a function (closures welcome) or `{ module, export? }`.
   * @param args positional arguments.
   * @param kwargs Python keyword arguments, one trailing object argument when given.
   *
   * @example
   * new Timer(0.5, (who) => console.log(`hello ${who}`), ['world']);
   */
  constructor(interval: number, fn: ThreadTarget, args: Iterable<unknown> = [], kwargs: Record<string, unknown> | null = null) {
    checkInterval(interval);
    super({ target: fn, args, kwargs, name: newThreadName() });
    this.#interval = interval;
  }

  /** The delay in seconds. @example new Timer(2, fn).interval; // 2 */
  get interval(): number {
    return this.#interval;
  }

  /** The event `cancel()` sets (set too once the function ran). @example await timer.finished.wait(); */
  get finished(): Event {
    return this.#finished;
  }

  /**
   * Stop the timer if it has not fired yet.
   *
   * @example
   * timer.cancel();
   */
  cancel(): void {
    this.#finished.set();
  }

  /**
   * Wait `interval` seconds, then call the function unless cancelled.
   *
   * @example
   * await new Timer(0, () => 42).run(); // runs in the calling greenlet
   */
  override run(): Promise<void> {
    return runTimer(this.#finished, this.#interval, () => super.run());
  }
}
