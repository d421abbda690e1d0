/**
 * Python's `threading.local` (and `_thread._local`) for native threads.
 *
 * Every native thread is its own isolate with its own module instances, so
 * a `local` object is only ever seen by the thread that made it: a plain
 * object already is per-thread. Sent to another thread in `args`, a local
 * arrives as a new, empty `local` (another thread never sees its values),
 * as in Python. Within one thread, all async tasks share it (they are one
 * thread).
 *
 * @module
 */
import { registerShareable, SHARE, type Shareable } from './shareable.js';

/**
 * Per-thread attribute storage; subclass it to give attributes defaults.
 *
 * @example
 * const ctx = new local();
 * ctx.user = 'ann'; // visible to this thread only
 */
export class local implements Shareable {
  [attribute: string]: unknown;

  static {
    registerShareable('local', () => new local());
  }

  /** @internal Another thread gets a fresh, empty local. */
  [SHARE](): { kind: string; data: unknown } {
    return { kind: 'local', data: null };
  }
}
