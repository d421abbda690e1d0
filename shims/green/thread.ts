/**
 * Python's `_thread` for green threads (what `patchThread()` installs in
 * the `thread` facade): `start_new_thread` spawns a green thread,
 * `get_ident()` is the running greenlet's identity, locks are green.
 *
 * Names that need nothing green — `get_native_id` (one OS thread for all),
 * `exit`, `stack_size` (green threads have no stack of their own; it still
 * sizes native threads), `TIMEOUT_MAX`, `error` — are the native ones,
 * re-exported so the module is complete, and are not in `__implements__`.
 *
 * @example
 * import { start_new_thread, allocate_lock } from 'green-loader/green/thread';
 * const lock = allocate_lock();
 * start_new_thread(async () => { await lock.acquire(); lock.release(); }, []);
 *
 * @module
 */
import type { ThreadTarget } from '../shared/target.js';
import { startNewThread } from '../shared/start-new-thread.js';
import { Lock } from './lock.js';
import { Thread } from './thread-class.js';

export { local as _local } from '../../runtime/local.js';
export { get_native_id } from '../shared/os-thread-id.js';
export { error, exit } from '../shared/thread-exit.js';
export { stack_size } from '../shared/stack-size.js';
export { TIMEOUT_MAX } from '../shared/timeout.js';
export { get_ident } from './current-thread.js';

/**
 * The facade this module patches.
 *
 * @example
 * patchModule(__target__, greenThread);
 */
export const __target__ = 'thread';

/**
 * The names of `_thread` this module replaces.
 *
 * @example
 * __implements__.includes('start_new_thread'); // true
 */
export const __implements__: string[] = ['start_new_thread', 'allocate_lock', 'LockType', 'get_ident', '_local'];

/**
 * Python's `_thread.LockType`: the green {@link Lock} (a failed
 * `acquire(false)` yields once, so spin locks progress).
 *
 * @example
 * if (lock instanceof LockType) await lock.acquire();
 */
export const LockType = Lock;

/**
 * Start `fn(...args, kwargs?)` in a new daemon green thread; returns its
 * ident. An uncaught error goes to `threading.excepthook`.
 *
 * @example
 * const ident = start_new_thread((n) => console.log(n), [42]);
 */
export function start_new_thread(fn: ThreadTarget, args: Iterable<unknown>, kwargs?: Record<string, unknown>): number {
  return startNewThread(Thread, fn, args, kwargs);
}

/**
 * A new, unlocked green {@link Lock}.
 *
 * @example
 * const lock = allocate_lock();
 */
export function allocate_lock(): Lock {
  return new Lock();
}
