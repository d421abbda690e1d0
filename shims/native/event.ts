/**
 * Python's `threading.Event` over shared memory.
 *
 * Two `Int32Array` cells of a `SharedArrayBuffer`: the flag and a generation
 * counter bumped by every `set()` that raises the flag. A waiter watches the
 * generation, so one woken by `set()` returns `true` even if `clear()` came
 * right after — Python's guarantee.
 *
 * @module
 */
import { waitWhile } from './atomic-wait.js';
import { registerShareable, SHARE } from './shareable.js';
import { markSiteShared, shareAtSite } from './shared-sites.js';
import { SharedCells } from './shared-cells.js';
import { checkTimeout, deadlineAfter } from '../shared/timeout.js';

const FLAG = 0;
const GENERATION = 1;

/**
 * A flag threads can wait on, shared across native threads.
 *
 * @example
 * const ready = new Event();
 * const t = new Thread({ target: async (ev) => { await ev.wait(); }, args: [ready] });
 * await t.start(); ready.set(); await t.join();
 */
export class Event extends SharedCells {
  static {
    markSiteShared(Event);
    registerShareable('Event', (cell: Int32Array, into?: Event) => Event.reviveInto(into ?? new Event(), cell));
  }

  /** A cleared event: two shared cells, the flag and the generation counter. */
  constructor() {
    super(2);
    shareAtSite(this, Event);
  }

  /**
   * Whether the flag is set.
   *
   * @example
   * if (stop.is_set()) return;
   */
  is_set(): boolean {
    return Atomics.load(this.cell, FLAG) === 1;
  }

  /**
   * Set the flag and wake every waiter.
   *
   * @example
   * done.set();
   */
  set(): void {
    if (Atomics.compareExchange(this.cell, FLAG, 0, 1) !== 0) return;
    Atomics.add(this.cell, GENERATION, 1);
    Atomics.notify(this.cell, GENERATION);
  }

  /**
   * Reset the flag; later `wait()` calls block until the next `set()`.
   *
   * @example
   * done.clear();
   */
  clear(): void {
    Atomics.store(this.cell, FLAG, 0);
  }

  /**
   * Wait until the flag is set or `timeout` seconds passed. Resolves the
   * flag (`true` also when a `set()` woke this wait and a `clear()` followed).
   *
   * @example
   * if (!(await done.wait(5))) console.log('gave up');
   */
  wait(timeout: number | null = null): Promise<boolean> {
    checkTimeout(timeout, 'timeout');
    const generation = Atomics.load(this.cell, GENERATION);
    if (this.is_set()) return Promise.resolve(true);
    return this.#waitFrom(generation, deadlineAfter(timeout));
  }

  async #waitFrom(generation: number, deadline: number | null): Promise<boolean> {
    while (Atomics.load(this.cell, GENERATION) === generation) {
      if (!(await waitWhile(this.cell, GENERATION, generation, deadline))) return this.is_set();
    }
    return true;
  }

  /** @internal Shared state for another thread. */
  override [SHARE](): { kind: string; data: unknown } {
    return { kind: 'Event', data: this.cell };
  }
}
