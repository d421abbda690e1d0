/**
 * Python's `threading.Timer`: a thread that calls a function after a delay
 * unless cancelled first.
 *
 * The cancellation flag is a shared {@link Event}, so `cancel()` on the
 * creating thread reaches the timer's own OS thread.
 *
 * @module
 */
import { newThreadName } from '../shared/thread-options.js';
import { checkInterval, runTimer } from '../shared/timer-base.js';
import { Event } from './event.js';
import type { ThreadTarget } from './target.js';
import { markLibraryPrototype, Thread, TIMER_JOB, type ThreadOptions } from './thread-class.js';
import type { ThreadJob } from './thread-job.js';

/**
 * Call `fn(...args, kwargs?)` on a new thread after `interval` seconds,
 * unless `cancel()` came first.
 *
 * @example
 * const t = new Timer(30, () => console.log('timed out'));
 * await t.start();
 * t.cancel();
 */
export class Timer extends Thread {
  readonly #interval: number;
  #finished = new Event();

  static {
    markLibraryPrototype(Timer.prototype);
  }

  /**
   * @param interval delay in seconds.
   * @param fn what to call: a function (sent as source) or `{ module, export? }`.
   * @param args positional arguments.
   * @param kwargs Python keyword arguments, one trailing object argument when given.
   *
   * @example
   * new Timer(0.5, (who) => console.log(`hello ${who}`), ['world']);
   */
  constructor(interval: number, fn: ThreadTarget, args: Iterable<unknown> = [], kwargs: Record<string, unknown> | null = null) {
    super({ target: fn, args, kwargs, name: newThreadName() });
    checkInterval(interval);
    this.#interval = interval;
  }

  /** The delay in seconds. */
  get interval(): number {
    return this.#interval;
  }

  /** The event `cancel()` sets (set too once the function ran). */
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
   * await new Timer(0, () => 42).run(); // runs here, in this thread
   */
  override run(): Promise<void> {
    return runTimer(this.#finished, this.#interval, () => super.run());
  }

  /** @internal The interval and cancellation event for the timer's thread. */
  override [TIMER_JOB](): ThreadJob['timer'] {
    return { interval: this.#interval, finished: this.#finished };
  }

  /**
   * @internal Rebuild a timer in its own thread around the creator's `finished` event.
   *
   * @example
   * const timer = Timer.fromJob(options, job.timer.interval, job.timer.finished);
   */
  static fromJob(options: Required<ThreadOptions>, interval: number, finished: Event): Timer {
    const timer = new Timer(interval, options.target!, options.args!, options.kwargs);
    timer.name = options.name!;
    timer.daemon = options.daemon!;
    timer.#finished = finished;
    return timer;
  }
}
