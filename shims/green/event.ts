/**
 * Python's `threading.Event` for green threads: the runtime {@link RuntimeEvent}
 * under Python's names (`is_set`, `set`, `clear`, `wait`).
 *
 * @module
 */
import { Event as RuntimeEvent } from '../../runtime/event.js';
import { checkTimeout } from '../shared/timeout.js';

/**
 * A flag greenlets wait on; `set()` wakes every waiter.
 *
 * @example
 * const ready = new Event();
 * new Thread({ target: async () => { await ready.wait(); go(); } }).start();
 * ready.set();
 */
export class Event {
  readonly #flag = new RuntimeEvent();

  /**
   * Whether the flag is set.
   *
   * @example
   * if (stop.is_set()) return;
   */
  is_set(): boolean {
    return this.#flag.isSet();
  }

  /**
   * Set the flag and wake every waiter.
   *
   * @example
   * done.set();
   */
  set(): void {
    this.#flag.set();
  }

  /**
   * Reset the flag; later `wait()` calls block until the next `set()`.
   *
   * @example
   * done.clear();
   */
  clear(): void {
    this.#flag.clear();
  }

  /**
   * Wait until the flag is set or `timeout` seconds passed. Resolves `true`
   * when set (also when a `clear()` followed the waking `set()`), else `false`.
   *
   * @example
   * if (!(await done.wait(5))) console.log('gave up');
   */
  wait(timeout: number | null = null): Promise<boolean> {
    checkTimeout(timeout, 'timeout');
    return this.#flag.wait(timeout);
  }
}
