/**
 * Python's `_thread` on real OS threads — the native implementation that
 * `green-loader/thread` exports until `thread` is patched.
 *
 * `start_new_thread` starts a daemon native `Thread` (like Python's, it does
 * not keep the process alive); its uncaught error goes to
 * `threading.excepthook`. `exit()` throws `ThreadExit`, which ends a native
 * thread quietly; on the main thread it is an ordinary exception (uncaught,
 * Node reports it and exits with code 1 — use `process.exit()` there).
 *
 * @module
 */
import { Lock } from './lock.js';
import { startNewThread } from '../shared/start-new-thread.js';
import type { ThreadTarget } from './target.js';
import { Thread } from './thread-class.js';

export { get_ident, get_native_id } from './identity.js';
export { error, exit } from '../shared/thread-exit.js';
export { local as _local } from './local.js';
export { stack_size } from '../shared/stack-size.js';
export { TIMEOUT_MAX } from '../shared/timeout.js';

/**
 * Python's `_thread.LockType`: the native {@link Lock}.
 *
 * @example
 * if (lock instanceof LockType) await lock.acquire();
 */
export const LockType = Lock;

/**
 * Start `fn(...args, kwargs?)` on a new OS thread; returns its ident.
 * `fn` is sent as source (no captured variables) or is `{ module, export? }`.
 *
 * @example
 * const ident = start_new_thread((n) => console.log(n), [42]);
 */
export function start_new_thread(fn: ThreadTarget, args: Iterable<unknown>, kwargs?: Record<string, unknown>): number {
  return startNewThread(Thread, fn, args, kwargs);
}

/**
 * A new, unlocked {@link Lock}.
 *
 * @example
 * const lock = allocate_lock();
 */
export function allocate_lock(): Lock {
  return new Lock();
}
