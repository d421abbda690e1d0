/**
 * The runtime {@link Semaphore} under a green `threading` class, described in
 * reports as that class: a green thread blocked in `Lock.acquire()` reads
 * "waits in Lock.acquire", not in the Semaphore the Lock is built on.
 *
 * @module
 */
import { className, describeWait } from '../../runtime/describe.js';
import { Semaphore } from '../../runtime/lock.js';

/** What a facade may add to its description (an RLock's owner, say). */
interface Annotated {
  [describeWait]?(operation: string): string;
}

/**
 * Permits that name their facade in LoopExit reports and run info. A facade
 * with a `[describeWait]` method of its own is asked instead.
 *
 * @example
 * class Lock { readonly #permit = new Permits(1, this); }
 */
export class Permits extends Semaphore {
  readonly #facade: object;

  /**
   * @param value initial permits, an integer >= 0.
   * @param facade the object users hold (`this` of a green Lock).
   *
   * @example
   * new Permits(1, lock);
   */
  constructor(value: number, facade: object) {
    super(value);
    this.#facade = facade;
  }

  /** `Lock.acquire`, or the facade's own description. */
  [describeWait](operation: string): string {
    const own = (this.#facade as Annotated)[describeWait];
    return typeof own === 'function' ? own.call(this.#facade, operation) : `${className(this.#facade) ?? 'Semaphore'}.${operation}`;
  }
}
