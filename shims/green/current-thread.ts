/**
 * Which green thread is running, and which are alive: `current_thread`,
 * `main_thread`, `get_ident`, `enumerate`, `active_count`.
 *
 * The main thread is the hub's main pseudo-greenlet (the code outside any
 * greenlet), keyed by its greenlet identity as gevent re-keys it, so green
 * threads can name and join it (in a Worker: a dummy thread, see {@link main_thread}). A greenlet not started through `Thread` gets
 * a {@link DummyThread} the first time it asks.
 *
 * @module
 */
import { isMainThread } from '../../runtime/this-thread.js';
import { getCurrent } from '../../runtime/current.js';
import { getHub } from '../../runtime/hub.js';
import { liveThreads, threadOf } from './active.js';
import { DummyThread } from './dummy-thread.js';
import { adoptThread, Thread } from './thread-class.js';

let mainThread: Thread | undefined;

/**
 * The main thread: the code running outside any greenlet. On the process's
 * main thread it is `MainThread`. In a Worker of the app's own (the loader
 * runs there too) the process's main thread lives in another isolate, out of
 * reach: the worker's top level is a {@link DummyThread} (`Dummy-N`, ident
 * `threadId + 1` as the native shim numbers threads), and that is what
 * `main_thread()` returns there.
 *
 * @example
 * if (current_thread() === main_thread()) console.log('not in a green thread');
 */
export function main_thread(): Thread {
  return (mainThread ??= adoptThread(isMainThread() ? new Thread({ name: 'MainThread', daemon: false }) : new DummyThread(), getHub().main));
}

/**
 * The Thread object of the running greenlet: its Thread, the main thread,
 * or a {@link DummyThread} for a greenlet started some other way.
 *
 * @example
 * console.log(current_thread().name);
 */
export function current_thread(): Thread {
  const greenlet = getCurrent();
  return threadOf(greenlet) ?? (greenlet === getHub().main ? main_thread() : adoptThread(new DummyThread(), greenlet));
}

/**
 * The running greenlet's identity: a small integer, distinct for every live
 * greenlet and for the main thread (reused after a greenlet is collected).
 *
 * @example
 * const me = get_ident();
 */
export function get_ident(): number {
  return getCurrent().minimalIdent;
}

/**
 * The live threads: the main thread first, then started Threads and dummy
 * threads whose greenlets are alive.
 *
 * @example
 * for (const t of enumerate()) console.log(t.name);
 */
export function enumerate(): Thread[] {
  const main = main_thread();
  return [main, ...liveThreads().filter((t) => t !== main)];
}

/**
 * `enumerate().length`.
 *
 * @example
 * console.log(`${active_count()} threads`);
 */
export function active_count(): number {
  return enumerate().length;
}
