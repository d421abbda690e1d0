/**
 * Python's `threading` for green threads (what `patchThread()` installs in
 * the `threading` facade): threads are greenlets on this OS thread's hub,
 * locks and events are the runtime's, FIFO and kill-safe.
 *
 * `get_ident()` is the running greenlet's identity and `get_native_id()` the
 * one OS thread id all green threads share; `current_thread()` in a greenlet
 * not started through `Thread` is a {@link DummyThread}; `main_thread()` is
 * the code outside any greenlet. Names that need nothing green —
 * `get_native_id`, `BrokenBarrierError`, `ThreadError`, `excepthook` (so a
 * hook installed with `patchItem` survives patching), `TIMEOUT_MAX` — are
 * the native module's, re-exported so this module is complete, and are not
 * in `__implements__`.
 *
 * @example
 * import { Thread, Lock } from 'green-loader/green/threading';
 * let total = 0;
 * const lock = new Lock();
 * const add = async () => { await lock.acquire(); try { total += 1; } finally { lock.release(); } };
 * const threads = [1, 2, 3].map(() => new Thread({ target: add }));
 * for (const t of threads) t.start();
 * for (const t of threads) await t.join();
 *
 * @module
 */
export { local } from '../../runtime/local.js';
export { BrokenBarrierError, ThreadError } from '../shared/errors.js';
export type { ExceptHookArgs } from '../shared/excepthook.js';
export { get_native_id } from '../shared/os-thread-id.js';
export type { ModuleTarget, ThreadTarget } from '../shared/target.js';
export { defaultExcepthook as excepthook } from '../shared/excepthook.js';
export { TIMEOUT_MAX } from '../shared/timeout.js';
export { Barrier } from './barrier.js';
export { Condition } from './condition.js';
export { active_count, current_thread, enumerate, get_ident, main_thread } from './current-thread.js';
export { DummyThread } from './dummy-thread.js';
export { Event } from './event.js';
export { Lock } from './lock.js';
export { RLock } from './rlock.js';
export { BoundedSemaphore, Semaphore } from './semaphore.js';
export { Thread, type ThreadOptions } from './thread-class.js';
export { Timer } from './timer.js';

/**
 * The facade this module patches.
 *
 * @example
 * patchModule(__target__, greenThreading);
 */
export const __target__ = 'threading';

/**
 * The names of `threading` this module replaces.
 *
 * @example
 * __implements__.includes('Thread'); // true
 */
export const __implements__: string[] = [
  'Thread', 'current_thread', 'main_thread', 'get_ident', 'active_count', 'enumerate', 'Lock', 'RLock',
  'Condition', 'Semaphore', 'BoundedSemaphore', 'Event', 'Barrier', 'Timer', 'local',
];
