/**
 * The wire protocol between a thread's creator and a native thread: what
 * the new thread is told to run (`workerData`), and the messages it posts
 * back (started with its OS thread id; an uncaught error).
 *
 * @module
 */
import type { SentTarget } from './target.js';

/**
 * Key of the job in a native thread's `workerData`.
 *
 * @example
 * const job = workerData[JOB_KEY];
 */
export const JOB_KEY = '__greenLoaderThread__';

/**
 * Tag of the thread runner's own messages (user messages lack it).
 *
 * @example
 * if (message?.[MESSAGE_TAG] === 'started') onStarted();
 */
export const MESSAGE_TAG = '__greenLoaderThreadMessage__';

/**
 * Everything a native thread needs to become the `Thread` it stands for
 * (after `decode`: shared locks and events are live again).
 *
 * @example
 * const job = decode(workerData[JOB_KEY]) as ThreadJob;
 */
export interface ThreadJob {
  name: string;
  daemon: boolean;
  target: SentTarget | null;
  args: unknown[];
  kwargs: Record<string, unknown> | null;
  /** Source of the subclass levels when a subclass overrides `run()`. */
  levels: string[] | null;
  /** The instance's own fields, for a subclass. */
  fields: Record<string, unknown> | null;
  /** Set for a `Timer`: its interval and cancellation event. */
  timer: { interval: number; finished: unknown } | null;
}

/**
 * A message from a native thread to its creator.
 *
 * @example
 * parentPort.postMessage({ [MESSAGE_TAG]: 'started', nativeId: get_native_id() });
 */
export type ThreadMessage =
  | { [MESSAGE_TAG]: 'started'; nativeId: number }
  | { [MESSAGE_TAG]: 'exception'; error: unknown };
