/**
 * Python's `_thread.start_new_thread`, once for both flavours: it starts a
 * daemon `Thread` of whichever class it is given (native or green) and
 * returns its ident at once, without waiting for the thread to run.
 *
 * @module
 */
import { checkTarget, type ThreadTarget } from './target.js';

/** What `start_new_thread` needs of a Thread class. */
export type DaemonThreadClass = new (options: {
  target: ThreadTarget;
  args: Iterable<unknown>;
  kwargs: Record<string, unknown> | null;
  daemon: true;
}) => { start(): Promise<void>; readonly ident: number | null };

/**
 * Start `fn(...args, kwargs?)` as a daemon thread of `Thread`; returns its ident.
 *
 * @example
 * export function start_new_thread(fn, args, kwargs) { return startNewThread(Thread, fn, args, kwargs); }
 */
export function startNewThread(
  Thread: DaemonThreadClass,
  fn: ThreadTarget,
  args: Iterable<unknown>,
  kwargs?: Record<string, unknown>,
): number {
  if (typeof fn !== 'function') checkTarget(fn, 'fn');
  const thread = new Thread({ target: fn, args, kwargs: kwargs ?? null, daemon: true });
  void thread.start();
  return thread.ident!;
}
