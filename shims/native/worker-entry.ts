/**
 * The runner inside a native thread: turns the job in `workerData` back into
 * a running `Thread` and runs it.
 *
 * It reports the OS thread id first (so `start()` resolves), revives shared
 * locks and events in the arguments, compiles a function target or subclass
 * methods from source, makes the thread `current_thread()`, and awaits its
 * `run()`. An uncaught error is posted to the creating thread, which hands it
 * to `threading.excepthook` there; a ReferenceError from code sent as source
 * gets the "cannot capture variables" hint. `thread.exit()` ends the thread
 * quietly. The worker then ends when its event loop is empty, like any
 * Node worker.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sourceScope, withClosureHint } from './function-source.js';
import { get_ident, get_native_id } from './identity.js';
import { decode } from './shareable.js';
import { rebuildSubclass } from './subclass-source.js';
import { receiveTarget } from './target.js';
import { adoptThread, setCurrentThread, Thread } from './thread-class.js';
import { JOB_KEY, MESSAGE_TAG, type ThreadJob, type ThreadMessage } from './thread-job.js';
import * as threading from './threading.js'; // also registers every shared kind (Lock, Event, …) for decode()
import * as thread from './thread.js';
import * as queue from './queue.js'; // registers the queue kinds for decode(), and is `queue` in code sent as source
import * as time from './time.js';
import type { Event } from './event.js';
import { Timer } from './timer.js';

function post(message: ThreadMessage): void {
  parentPort!.postMessage(message);
}

/** Post an uncaught error; one that cannot be cloned goes as a plain Error with its text. */
function report(error: unknown): void {
  try {
    post({ [MESSAGE_TAG]: 'exception', error });
  } catch {
    const { message = String(error), stack } = error as { message?: string; stack?: string };
    post({ [MESSAGE_TAG]: 'exception', error: Object.assign(new Error(message), { stack }) });
  }
}

async function run(job: ThreadJob): Promise<void> {
  const options = {
    name: job.name,
    daemon: job.daemon,
    target: job.target && receiveTarget(job.target),
    args: job.args,
    kwargs: job.kwargs,
  };
  const thread = job.timer
    ? Timer.fromJob(options, job.timer.interval, job.timer.finished as Event)
    : new Thread(options);
  adoptThread(thread, get_ident(), get_native_id());
  const self = job.levels ? rebuildSubclass(job.levels, thread, job.fields!) : thread;
  setCurrentThread(self);
  await self.run();
}

Object.assign(sourceScope, { threading, thread, time, queue });
const sent = workerData[JOB_KEY] as ThreadJob;
const fromSource = sent.levels !== null || (sent.target !== null && 'source' in sent.target);
post({ [MESSAGE_TAG]: 'started', nativeId: get_native_id() });
try {
  await run(decode(sent) as ThreadJob);
} catch (error) {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_GREEN_THREAD_EXIT') report(fromSource ? withClosureHint(error) : error);
}
