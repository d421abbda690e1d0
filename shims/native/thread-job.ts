/**
 * The wire protocol between a thread's creator and a native thread: what
 * the new thread is told to run (`workerData`, or a `job` message to a warm
 * worker), and the messages it posts back (started with its OS thread id;
 * an uncaught error; idle: the thread ended and its worker can take
 * another).
 *
 * @module
 */
import type { ResolvedModuleTarget } from '../shared/target.js';
import type { ModuleRef, TargetWhere, Where } from './target-location.js';

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
 * A target as sent to a new thread: where a function is (or its source),
 * or a module target.
 *
 * @example
 * const sent: SentTarget = { where: { source: '(n) => n + 1' } };
 */
export type SentTarget = { where: TargetWhere } | ResolvedModuleTarget;

/**
 * Everything a native thread needs to become the `Thread` it stands for.
 * `args`, `kwargs`, `fields`, `timer` and the site table are encoded
 * (shareables and instances as tagged records; `decode` them after the
 * modules were imported).
 *
 * @example
 * const job = workerData[JOB_KEY] as ThreadJob;
 */
export interface ThreadJob {
  name: string;
  /** The thread's `get_ident()` on a warm worker; `null`: `threadId + 1` of a new one. */
  ident: number | null;
  daemon: boolean;
  target: SentTarget | null;
  args: unknown;
  kwargs: unknown;
  /** The user's Thread subclass, when it can be found in the new thread. */
  cls: Where | null;
  /** Otherwise, source of the subclass levels when a subclass overrides `run()`. */
  levels: string[] | null;
  /** The instance's own fields, for a subclass. */
  fields: unknown;
  /** Set for a `Timer`: its interval and cancellation event. */
  timer: unknown;
  /** Modules to import (stopping at their first thread start) before running. */
  modules: ModuleRef[];
  /** Module-level shareables by creation site (see `shared-sites`). */
  sites: Array<[string, unknown]>;
}

/**
 * A message from a native thread to its creator.
 *
 * @example
 * parentPort.postMessage({ [MESSAGE_TAG]: 'started', nativeId: get_native_id() });
 */
export type ThreadMessage =
  | { [MESSAGE_TAG]: 'started'; nativeId: number }
  | { [MESSAGE_TAG]: 'exception'; error: unknown }
  | { [MESSAGE_TAG]: 'idle' };

/**
 * A message from a creator to its warm worker: run this thread next.
 *
 * @example
 * worker.postMessage({ [MESSAGE_TAG]: 'job', job });
 */
export type WorkerMessage = { [MESSAGE_TAG]: 'job'; job: ThreadJob };
