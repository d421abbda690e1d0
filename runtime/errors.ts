/**
 * The runtime's error classes.
 *
 * Every error has a stable `name` and a `code` (`ERR_GREEN_…`) so callers can
 * test for a kind without `instanceof` across realms or package copies.
 * Messages follow Python's where Python has one.
 *
 * @module
 */

/**
 * Base of every green-loader error.
 *
 * @example
 * try { q.getNowait(); } catch (e) { if (e instanceof GreenError) console.log(e.code); }
 */
export class GreenError extends Error {
  /** Stable machine-readable code, `ERR_GREEN_…`. */
  readonly code: string;
  constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Give an error class a stable prototype `name` that survives minification.
 *
 * @example
 * export class MyError extends GreenError {}
 * named(MyError, 'MyError');
 */
export function named(cls: { prototype: Error }, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}
named(GreenError, 'GreenError');

/**
 * Thrown into a greenlet by `kill()` to end it. A greenlet that ends by
 * GreenletExit is successful; its value is the GreenletExit (as in gevent).
 *
 * @example
 * await g.kill(new GreenletExit('shutting down'));
 */
export class GreenletExit extends GreenError {
  constructor(message = 'GreenletExit') {
    super(message, 'ERR_GREEN_GREENLET_EXIT');
  }
}
named(GreenletExit, 'GreenletExit');

/**
 * The process was about to exit while waits were still pending that nothing
 * could ever wake. The message names the blocked greenlets and what each waits on.
 *
 * @example
 * try { await ev.wait(); } catch (e) { if (e instanceof LoopExit) console.error(e.message); }
 */
export class LoopExit extends GreenError {
  constructor(message: string) {
    super(message, 'ERR_GREEN_LOOP_EXIT');
  }
}
named(LoopExit, 'LoopExit');

/**
 * A non-blocking `put` on a full queue, or a timed-out `put`.
 *
 * @example
 * try { q.putNowait(1); } catch (e) { if (e instanceof Full) dropped++; }
 */
export class Full extends GreenError {
  constructor(message = 'queue is full') {
    super(message, 'ERR_GREEN_QUEUE_FULL');
  }
}
named(Full, 'Full');

/**
 * A non-blocking `get` on an empty queue, or a timed-out `get`.
 *
 * @example
 * try { q.getNowait(); } catch (e) { if (e instanceof Empty) idle(); }
 */
export class Empty extends GreenError {
  constructor(message = 'queue is empty') {
    super(message, 'ERR_GREEN_QUEUE_EMPTY');
  }
}
named(Empty, 'Empty');

/**
 * The queue was shut down (Python 3.13 `queue.ShutDown`).
 *
 * @example
 * for (;;) { try { work(await q.get()); } catch (e) { if (e instanceof ShutDown) break; throw e; } }
 */
export class ShutDown extends GreenError {
  constructor(message = 'queue is shut down') {
    super(message, 'ERR_GREEN_QUEUE_SHUTDOWN');
  }
}
named(ShutDown, 'ShutDown');

/**
 * A lock or semaphore was used wrongly: released while unlocked, released by a
 * non-owner, or released more times than acquired (Python's messages).
 *
 * @example
 * try { lock.release(); } catch (e) { if (e instanceof LockError) console.log(e.message); } // "release unlocked lock"
 */
export class LockError extends GreenError {
  constructor(message: string) {
    super(message, 'ERR_GREEN_LOCK');
  }
}
named(LockError, 'LockError');

/**
 * An operation that is invalid in the current state (joining oneself, starting
 * a greenlet twice where that is an error, waiting on the hub from inside it).
 *
 * @example
 * try { await getCurrent().join(); } catch (e) { if (e instanceof InvalidState) … }
 */
export class InvalidState extends GreenError {
  constructor(message: string) {
    super(message, 'ERR_GREEN_INVALID_STATE');
  }
}
named(InvalidState, 'InvalidState');
