/**
 * The runner inside a native thread: turns the job in `workerData` back into
 * a running `Thread` and runs it.
 *
 * In order: under the loader, install its resolve hooks here; import the modules the job names
 * — the target's, the subclass's, the classes of instances in the
 * arguments — with thread starts stopping (see `thread-bootstrap`) and
 * module-level shareables adopting the creator's (see `shared-sites`);
 * decode the arguments; rebuild the Thread (its creator already checked
 * it), make it `current_thread()`, report the OS thread id (so `start()`
 * resolves just before `run()`, as Python's does), and await its `run()`. An uncaught
 * error is posted to the creating thread, which hands it to
 * `threading.excepthook` there; a ReferenceError from code sent as source
 * gets the "cannot capture variables" hint. `thread.exit()` ends the thread
 * quietly.
 *
 * Then, when the creator keeps warm workers (see `thread-pool`) and the
 * thread ended cleanly — no uncaught error, nothing left pending in the
 * event loop a turn later, `process.env` untouched (see `env-watch`) and
 * `process.exitCode` as it was — the worker posts `idle` and waits for its next job: the next
 * thread runs here with its own ident, `current_thread()` and fresh
 * `threading.local` values, on the modules this worker already imported
 * (they are not evaluated again: their module-level values are what the
 * earlier threads left; their shareables stay the creator's, by site).
 * Otherwise the worker ends when its event loop is empty, like any Node
 * worker, and the thread ends with it.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { ThreadFields } from '../shared/thread-options.js';
import { envChanged, watchEnv } from './env-watch.js';
import type { Event } from './event.js';
import { sourceScope, withClosureHint } from './function-source.js';
import { get_ident, get_native_id, receiveIdentCounter, setThreadIdent } from './identity.js';
import { newLocalGeneration } from './local.js';
import { setPoolSettings } from './pool-settings.js';
import { setNativeDebug } from './native-debug.js';
import { decode } from './shareable.js';
import { receiveSites, setAdopting } from './shared-sites.js';
import { SETUP_KEY, type ThreadSetup } from './spawn-worker.js';
import { rebuildSubclass } from './subclass-source.js';
import { receiveTarget } from './target.js';
import { inThread, refKey, useImported, type Imported, type ModuleRef } from './target-location.js';
import { bootstrapImport, isBootstrapStop } from './thread-bootstrap.js';
import { adoptThread, prebuilt, setCurrentThread, Thread } from './thread-class.js';
import { JOB_KEY, MESSAGE_TAG, type ThreadJob, type ThreadMessage, type WorkerMessage } from './thread-job.js';
import { SHIMS, shimFile } from '../registry.js';
import { Timer } from './timer.js';

function post(message: ThreadMessage): void {
  parentPort!.postMessage(message);
}

/** Whether this worker's current thread raised (its worker is then not reused). */
let failed = false;

/** Post an uncaught error; one that cannot be cloned goes as a plain Error with its text. */
function report(error: unknown): void {
  failed = true;
  try {
    post({ [MESSAGE_TAG]: 'exception', error });
  } catch {
    const { message = String(error), stack } = error as { message?: string; stack?: string };
    post({ [MESSAGE_TAG]: 'exception', error: Object.assign(new Error(message), { stack }) });
  }
}

/**
 * CommonJS modules that stopped at a thread start, by filename: Node drops a
 * module that threw from `require.cache`, so a later thread on this (warm)
 * worker would evaluate it again — a fresh copy whose creation sites count
 * from #1 again and no longer match the creator's. Later threads reuse the
 * exports kept here instead, as they reuse an ES module's.
 */
const stoppedCjs = new Map<string, unknown>();

/** Import one module with thread starts stopping; a CommonJS module's exports are kept even when it stopped. */
async function importStopping(ref: ModuleRef): Promise<unknown> {
  if ('url' in ref) return bootstrapImport(() => import(ref.url), () => {});
  if (stoppedCjs.has(ref.cjs)) return stoppedCjs.get(ref.cjs);
  const require = createRequire(ref.cjs);
  let soFar: unknown = null;
  const exports = await bootstrapImport(
    () => require(ref.cjs) as unknown,
    () => (soFar = require.cache[ref.cjs]?.exports ?? null),
  );
  if (exports !== undefined && exports !== null) return exports;
  stoppedCjs.set(ref.cjs, soFar);
  return soFar;
}

async function importModules(job: ThreadJob): Promise<Imported> {
  const imported: Imported = new Map();
  receiveSites(job.sites);
  setAdopting(true);
  try {
    for (const ref of job.modules) imported.set(refKey(ref), { value: await importStopping(ref) });
  } finally {
    setAdopting(false);
  }
  useImported(imported);
  return imported;
}

function rebuild(job: ThreadJob, fields: ThreadFields, imported: Imported): Thread {
  const cls = job.cls ? (inThread(job.cls, imported) as Function) : Thread;
  const timer = decode(job.timer) as { interval: number; finished: Event } | null;
  const thread = timer
    ? Timer.fromJob(prebuilt(fields), timer.interval, timer.finished, job.cls ? cls : Timer)
    : (Reflect.construct(Thread, [prebuilt(fields)], cls) as Thread);
  adoptThread(thread, get_ident(), get_native_id());
  const own = job.fields === null ? null : (decode(job.fields) as Record<string, unknown>);
  if (job.levels) return rebuildSubclass(job.levels, thread, own!);
  if (own) Object.assign(thread, own);
  return thread;
}

/** Whether the code that runs came as source text (its ReferenceErrors get the closure hint). */
let fromSource = false;

async function run(job: ThreadJob): Promise<void> {
  const base = { target: null, args: [], kwargs: null, daemon: job.daemon, name: job.name };
  // current_thread() while the modules load: this thread (so the main-thread guard is false here).
  setCurrentThread(adoptThread(new Thread(prebuilt(base)), get_ident(), get_native_id()));
  const imported = await importModules(job);
  const received = job.target && receiveTarget(job.target, imported);
  const fields: ThreadFields = {
    ...base,
    target: received?.target ?? null,
    args: decode(job.args) as unknown[],
    kwargs: decode(job.kwargs) as Record<string, unknown> | null,
  };
  const thread = rebuild(job, fields, imported);
  setCurrentThread(thread);
  fromSource = job.levels !== null || (received?.fromSource ?? false);
  post({ [MESSAGE_TAG]: 'started', nativeId: get_native_id() });
  await thread.run();
}

/** Run one thread; resolves whether this worker may take another. */
async function runJob(job: ThreadJob): Promise<boolean> {
  failed = false;
  fromSource = false;
  setThreadIdent(job.ident ?? threadId + 1);
  newLocalGeneration();
  try {
    await run(job);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'ERR_GREEN_THREAD_EXIT') report(fromSource ? withClosureHint(error) : error);
  }
  if (failed || setup.pool.size === 0) return false;
  // A turn later: what the thread left due now has run; anything still pending keeps the worker its own.
  await new Promise((resolve) => setImmediate(resolve));
  return !failed && process.getActiveResourcesInfo().length === 0 && process.exitCode === undefined && !envChanged();
}

/** Tell the creator this worker is idle and wait for its next job. */
function nextJob(): Promise<ThreadJob> {
  return new Promise((resolve) => {
    // `once`: between jobs the port holds no listener, so it does not count as pending work.
    parentPort!.once('message', (message: WorkerMessage) => resolve(message.job));
    post({ [MESSAGE_TAG]: 'idle' });
  });
}

async function serve(first: ThreadJob): Promise<void> {
  watchEnv();
  for (let job = first; await runJob(job); ) job = await nextJob();
}

const setup = workerData[SETUP_KEY] as ThreadSetup;
setNativeDebug(setup.debug);
setPoolSettings(setup.pool);
receiveIdentCounter(setup.idents);
// Code the target's module left running keeps stopping at thread starts; its rejections are expected.
process.on('unhandledRejection', (reason) => {
  if (!isBootstrapStop(reason)) throw reason;
});
// Every native shim, by its module name, as the app's imports name them: code
// sent as source text sees them as free names, and importing them registers
// every shared kind (Lock, Event, Queue, …) for decode().
const shims = await Promise.all(SHIMS.map(async ({ name }) => [name, await import(shimFile(name, 'native').href)] as const));
Object.assign(sourceScope, Object.fromEntries(shims));
try {
  if (setup.hooks) ((await import(setup.hooks)) as { installWorkerHooks(data: { debug: boolean }): void }).installWorkerHooks({ debug: setup.debug });
  // Not awaited: this module's evaluation ends here, while the worker serves its threads.
  void serve(workerData[JOB_KEY] as ThreadJob);
} catch (error) {
  report(error);
}
