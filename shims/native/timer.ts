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
import { isPrebuilt, markLibraryPrototype, Thread, TIMER_JOB, type ThreadOptions } from './thread-class.js';
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
    // A native thread rebuilding its Timer passes prebuilt options as `fn` (see fromJob): no second check.
    super(isPrebuilt(fn) ? fn : { target: fn, args, kwargs, name: newThreadName() });
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
   * @internal Rebuild a timer in its own thread from its creator's checked
   * options (see `prebuilt`), around the creator's `finished` event, as an
   * instance of `cls` (a user subclass, whose own constructor does not run again).
   *
   * @example
   * const timer = Timer.fromJob(prebuilt(fields), job.timer.interval, job.timer.finished);
   */
  static fromJob(options: ThreadOptions, interval: number, finished: Event, cls: Function = Timer): Timer {
    const timer = Reflect.construct(Timer, [interval, options], cls) as Timer;
    timer.#finished = finished;
    return timer;
  }
}
