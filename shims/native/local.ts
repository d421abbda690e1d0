/**
 * Python's `threading.local` (and `_thread._local`) for native threads.
 *
 * Every native thread is its own isolate with its own module instances, so
 * a `local` object is only ever seen by the thread that made it — and by the
 * later threads that run on the same warm worker (see `thread-pool`), which
 * find the modules that worker imported as earlier threads left them. So a
 * local's properties belong to the thread that runs now: it is the
 * runtime's per-owner `local` (see `runtime/keyed-local`) owned by the
 * running thread, and a thread that comes later gets fresh properties, by
 * the subclass's constructor run again with its arguments, as Python runs
 * `__init__` again in each thread. Sent to another thread in `args`, a local
 * arrives as a new, empty `local` (another thread never sees its values),
 * as in Python. Within one thread, all async tasks share it (they are one
 * thread).
 *
 * @module
 */
import { KeyedLocal, LOCAL_OWNER } from '../../runtime/keyed-local.js';
import { registerShareable, SHARE, type Shareable } from './shareable.js';

/** Stands for the thread running in this worker now (a new one per thread). */
let owner: object = {};

/**
 * Give the next thread of this worker fresh `local` properties (the thread
 * runner calls it before each thread).
 *
 * @example
 * newLocalGeneration();
 */
export function newLocalGeneration(): void {
  owner = {};
}

/**
 * Per-thread attribute storage; subclass it to give attributes defaults.
 *
 * @example
 * const ctx = new local();
 * ctx.user = 'ann'; // visible to this thread only
 */
export class local extends KeyedLocal implements Shareable {
  /** The thread running now owns the properties. */
  static override [LOCAL_OWNER] = (): object => owner;

  static {
    registerShareable('local', () => new local());
  }

  /** @internal Another thread gets a fresh, empty local. */
  [SHARE](): { kind: string; data: unknown } {
    return { kind: 'local', data: null };
  }
}
