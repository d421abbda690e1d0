/**
 * What the green and the native `threading.Timer` share: the check of the
 * delay and Python's `Timer.run()` — wait on the `finished` event for the
 * interval, call the function unless the event was set, then set it.
 *
 * Pure helpers (no runtime, no worker): each Timer extends its own flavour's
 * Thread and passes its own Event, so the shared part is functions, not a
 * base class.
 *
 * @module
 */
import { checkTimeout } from './timeout.js';

/**
 * What `Timer.run()` needs of its `finished` event (green and native Events both fit).
 *
 * @example
 * const finished: TimerEvent = new Event();
 */
export interface TimerEvent {
  wait(timeout: number | null): Promise<boolean>;
  is_set(): boolean;
  set(): void;
}

/**
 * Check a Timer's delay: a number of seconds in `[0, TIMEOUT_MAX]`
 * (TypeError for a missing one, RangeError for a negative or huge one).
 *
 * @example
 * checkInterval(interval); // TypeError "interval must be a number of seconds, got null"
 */
export function checkInterval(interval: unknown): asserts interval is number {
  if (interval == null) throw new TypeError(`interval must be a number of seconds, got ${interval}`);
  checkTimeout(interval, 'interval');
}

/**
 * Python's `Timer.run()`: wait `interval` seconds unless `finished` is set
 * first (a cancel), call `fire()` if it was not, and set `finished` at the end.
 *
 * @example
 * override run() { return runTimer(this.finished, this.interval, () => super.run()); }
 */
export async function runTimer(finished: TimerEvent, interval: number, fire: () => Promise<void>): Promise<void> {
  await finished.wait(interval);
  if (!finished.is_set()) await fire();
  finished.set();
}
