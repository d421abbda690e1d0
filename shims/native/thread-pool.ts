/**
 * Warm workers: a native thread that ended cleanly leaves its worker to the
 * next thread its creator starts, so that start costs one message instead
 * of a Worker boot.
 *
 * Each creating thread (the main thread, or a native thread that starts
 * threads) keeps its own idle workers, at most `poolSettings().size`, each
 * for `idleMs` (then it is terminated). An idle worker is unref'd: it never
 * keeps the process alive; a worker runs ref'd while it runs a non-daemon
 * thread, as a new one would. A worker is reused only by a thread whose
 * {@link workerKey} is the one it was booted with (same stack size,
 * environment, preloads, hooks, GREEN_DEBUG), and only when its thread ended
 * cleanly: the worker itself says so with an `idle` message (see
 * `worker-entry`) — a thread that died of an uncaught error, called
 * `process.exit()`, changed its environment or left anything pending
 * (a timer, a socket, a running thread) ends its worker as before, and its
 * thread ends when that worker exits. `size` 0 turns reuse off.
 *
 * @module
 */
import type { Worker } from 'node:worker_threads';
import { identCounter, nextWarmIdent } from './identity.js';
import { nativeDebug } from './native-debug.js';
import { poolSettings } from './pool-settings.js';
import { cloneError, spawnThreadWorker, workerKey } from './spawn-worker.js';
import { MESSAGE_TAG, type ThreadJob, type ThreadMessage, type WorkerMessage } from './thread-job.js';

/**
 * What a thread's creator hears about it from the worker that runs it.
 *
 * @example
 * startThread(job, false, { started: (id) => {}, exception: (e) => {}, ended: () => {} });
 */
export interface ThreadEvents {
  /** The thread runs (its modules imported), on the OS thread `nativeId`. */
  started(nativeId: number): void;
  /** It raised `error` (or its worker failed). */
  exception(error: unknown): void;
  /** It ended (called once). */
  ended(): void;
}

/** Idle workers, most recently parked last. */
const idle: Resident[] = [];

/** A worker of this thread's, running a thread or idle. */
class Resident {
  readonly worker: Worker;
  /** What it was booted with; `null`: never to be reused. */
  readonly key: string | null;
  #events: ThreadEvents | null = null;
  #expiry: ReturnType<typeof setTimeout> | undefined;
  #nativeId = 0;

  constructor(worker: Worker, key: string | null) {
    this.worker = worker;
    this.key = key;
    worker.on('message', (message: Partial<ThreadMessage> | null) => {
      const tag = message?.[MESSAGE_TAG];
      if (tag === 'started') this.#events?.started((this.#nativeId = (message as { nativeId: number }).nativeId));
      else if (tag === 'exception') this.#events?.exception((message as { error: unknown }).error);
      else if (tag === 'idle') this.#ended(true);
    });
    worker.on('error', (error) => this.#events?.exception(error));
    worker.once('exit', () => this.#ended(false));
  }

  /** Run the thread that `events` stands for (its job already sent); a daemon's worker is unref'd. */
  run(events: ThreadEvents, daemon: boolean): void {
    clearTimeout(this.#expiry);
    this.#events = events;
    if (daemon) this.worker.unref();
    else this.worker.ref();
  }

  /** Send `job` to this idle worker (throws the DataCloneError when it cannot be cloned). */
  send(job: ThreadJob): void {
    const message: WorkerMessage = { [MESSAGE_TAG]: 'job', job };
    this.worker.postMessage(message);
  }

  get nativeId(): number {
    return this.#nativeId;
  }

  #ended(reusable: boolean): void {
    const events = this.#events;
    this.#events = null;
    if (reusable) park(this);
    else forget(this);
    events?.ended();
  }

  /** Idle: unref'd, ended after `idleMs`. */
  park(idleMs: number): void {
    this.worker.unref();
    this.#expiry = setTimeout(() => {
      forget(this);
      void this.worker.terminate();
    }, idleMs);
    this.#expiry.unref();
  }

  stopExpiry(): void {
    clearTimeout(this.#expiry);
  }
}

function forget(resident: Resident): void {
  resident.stopExpiry();
  const at = idle.indexOf(resident);
  if (at >= 0) idle.splice(at, 1);
}

function park(resident: Resident): void {
  const { size, idleMs } = poolSettings();
  if (resident.key === null || idle.length >= size) {
    void resident.worker.terminate();
    return;
  }
  idle.push(resident);
  resident.park(idleMs);
}

/** The most recently parked idle worker booted as `key`, taken out of the pool. */
function take(key: string): Resident | undefined {
  for (let i = idle.length - 1; i >= 0; i--) {
    const resident = idle[i]!;
    if (resident.key !== key) continue;
    idle.splice(i, 1);
    resident.stopExpiry();
    return resident;
  }
  return undefined;
}

/**
 * Run `job` on a warm worker when one fits, else on a new worker; returns
 * the thread's ident. Throws the TypeError of `spawn-worker` when the job
 * cannot be cloned (an idle worker stays idle then).
 *
 * @example
 * this.#ident = startThread(job, this.daemon, events);
 */
export function startThread(job: ThreadJob, daemon: boolean, events: ThreadEvents): number {
  const key = poolSettings().size > 0 && identCounter() !== null ? workerKey() : null;
  const warm = key === null ? undefined : take(key);
  if (warm) {
    const ident = nextWarmIdent();
    try {
      warm.send({ ...job, ident });
    } catch (error) {
      park(warm);
      throw cloneError(error);
    }
    warm.run(events, daemon);
    nativeDebug(`native thread ${JSON.stringify(job.name)} (ident ${ident}) runs on a warm worker (OS thread ${warm.nativeId})`);
    return ident;
  }
  const worker = spawnThreadWorker({ ...job, ident: null });
  new Resident(worker, key).run(events, daemon);
  return worker.threadId + 1;
}
