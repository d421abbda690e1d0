/**
 * Which thread this is — `isMainThread` and `threadId` of
 * `node:worker_threads` — without loading `node:worker_threads` in the main
 * thread, where it costs a `node` that never starts a thread ~10 ms.
 *
 * A worker thread's bootstrap always loads `node:worker_threads` (checked on
 * Node 20–26 by test/this-thread.test.ts), so while Node's list of loaded
 * builtins does not name it, this is the main thread. Where the list says
 * otherwise, or Node keeps no list, the answer comes from the module itself.
 *
 * @module
 */
import { builtin } from './builtin.js';

let main: boolean | undefined;

/** Whether `node:worker_threads` may be loaded yet (it always is in a worker). */
function workerThreadsLoaded(): boolean {
  const list = (process as { moduleLoadList?: readonly string[] }).moduleLoadList;
  return !Array.isArray(list) || list.includes('NativeModule worker_threads');
}

/**
 * `isMainThread` of `node:worker_threads`.
 *
 * @example
 * if (isMainThread()) process.on('SIGUSR2', report);
 */
export function isMainThread(): boolean {
  return (main ??= workerThreadsLoaded() ? builtin('node:worker_threads').isMainThread : true);
}

/**
 * `threadId` of `node:worker_threads` (0 in the main thread).
 *
 * @example
 * const ident = isMainThread() ? 1 : threadId() + 1;
 */
export function threadId(): number {
  return isMainThread() ? 0 : builtin('node:worker_threads').threadId;
}
