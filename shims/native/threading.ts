/**
 * Python's `threading` on real OS threads — the native implementation that
 * `green-loader/threading` exports until `thread` is patched.
 *
 * Threads are `node:worker_threads` workers; `Lock`, `RLock`, `Condition`,
 * `Semaphore`, `BoundedSemaphore`, `Event` and `Barrier` live in
 * `SharedArrayBuffer`s and keep working when passed to a thread in `args`.
 * Every call that can wait returns a Promise and leaves the calling
 * thread's event loop running. Wrong arguments throw at once (TypeError or
 * RangeError naming the argument); state errors (`ThreadError`) throw at
 * once too; a Promise only settles with the outcome of the wait.
 *
 * @example
 * import { Thread, Lock } from 'green-loader/native/threading';
 * const lock = new Lock();
 * const t = new Thread({ target: async (l) => { await l.acquire(); l.release(); }, args: [lock] });
 * await t.start(); await t.join();
 *
 * @module
 */
import { defaultExcepthook } from '../shared/excepthook.js';

export { BrokenBarrierError, ThreadError } from '../shared/errors.js';
export type { ExceptHookArgs } from '../shared/excepthook.js';
export { Barrier } from './barrier.js';
export { Condition } from './condition.js';
export { Event } from './event.js';
export { get_ident, get_native_id } from './identity.js';
export { local } from './local.js';
export { Lock } from './lock.js';
export { RLock } from './rlock.js';
export { BoundedSemaphore, Semaphore } from './semaphore.js';
export type { ModuleTarget, ThreadTarget } from './target.js';
export { active_count, current_thread, enumerate, main_thread, Thread, type ThreadOptions } from './thread-class.js';
export { TIMEOUT_MAX } from '../shared/timeout.js';
export { Timer } from './timer.js';

/**
 * Python's `threading.excepthook`: handles an uncaught error of a thread
 * (prints `Exception in thread NAME:` and the stack). Replace it with
 * `patchItem('threading', 'excepthook', fn)`; threads always call the
 * current one.
 *
 * @example
 * excepthook({ exc_type: Error, exc_value: new Error('x'), exc_traceback: null, thread: current_thread() });
 */
export const excepthook = defaultExcepthook;
