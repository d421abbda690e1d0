/**
 * gevent's `_DummyThread`: the Thread object `current_thread()` returns in a
 * greenlet that was not started through `Thread` (a plain `spawn()`). It is
 * light (no target, nothing to start), daemonic, named `Dummy-N`, and leaves
 * `enumerate()` / `active_count()` when its greenlet dies. Unlike Python's,
 * it can be joined: it ends with its greenlet.
 *
 * @module
 */
import { Thread } from './thread-class.js';

let counter = 0;

/**
 * The thread object of a greenlet not started through `Thread`.
 *
 * @example
 * spawn(() => console.log(current_thread() instanceof DummyThread)); // true
 */
export class DummyThread extends Thread {
  /** @example new DummyThread(); // what current_thread() makes; not for direct use */
  constructor() {
    super({ name: `Dummy-${++counter}`, daemon: true });
  }
}
