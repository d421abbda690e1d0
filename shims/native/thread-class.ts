/**
 * Python's `threading.Thread` on a real OS thread (a `node:worker_threads`
 * Worker), and this thread's view of the others: `current_thread`,
 * `main_thread`, `enumerate`, `active_count`.
 *
 * `start()` sends the thread's job (target, structured-cloned args with
 * shared locks revived, a subclass's `run()` as source) to a new worker and
 * resolves once it runs; the worker's messages report its OS thread id and
 * any uncaught error, which goes to `threading.excepthook`. Each thread is
 * its own isolate, so `enumerate()` lists the main thread, the calling
 * thread and the threads the calling thread started — not threads started
 * by other threads.
 *
 * @module
 */
import { isMainThread, type Worker } from 'node:worker_threads';
import { ThreadError } from '../shared/errors.js';
import { exceptHookArgs, reportThreadException } from '../shared/excepthook.js';
import { checkDaemonSettable, checkJoinable, checkStartable } from '../shared/thread-checks.js';
import { newDummyThreadName, threadFields, type CommonThreadOptions } from '../shared/thread-options.js';
import { get_ident, get_native_id } from './identity.js';
import { holdOpen } from './keep-alive.js';
import { encode } from './shareable.js';
import { spawnThreadWorker } from './spawn-worker.js';
import { subclassLevels } from './subclass-source.js';
import { callTarget } from '../shared/target.js';
import { checkTarget, sendTarget, type Target, type ThreadTarget } from './target.js';
import { MESSAGE_TAG, type ThreadJob, type ThreadMessage } from './thread-job.js';

/**
 * Python's `Thread(...)` keyword arguments.
 *
 * @example
 * const options: ThreadOptions = { target: (n) => n * 2, args: [21], daemon: true };
 */
export interface ThreadOptions extends CommonThreadOptions {
  /** A function (sent as source: no captured variables) or `{ module, export? }`. */
  target?: ThreadTarget | null;
  /** Positional arguments, structured-cloned (shared locks, events… stay shared). */
  args?: Iterable<unknown> | null;
}

/**
 * Method key through which a Timer adds its interval and event to the job.
 *
 * @example
 * override [TIMER_JOB]() { return { interval: this.interval, finished: this.finished }; }
 */
export const TIMER_JOB = Symbol('green-loader.native.timerJob');

const libraryPrototypes = new Set<object>();
const running = new Set<Thread>();
let current: Thread | undefined;
let mainThread: Thread | undefined;
let adopt: (thread: Thread, ident: number, nativeId: number) => void;

/**
 * A thread of control on its own OS thread.
 *
 * A function `target` runs from its source text with structured-cloned
 * `args` (it cannot use captured variables); a module target is imported in
 * the thread. A subclass may override `run()` instead: its methods are sent
 * as source text and `this` in the thread is a copy of the instance's own
 * fields over the thread's own Thread object (see `subclass-source`).
 *
 * @example
 * const t = new Thread({ target: (a, kw) => console.log(a, kw.b), args: [1], kwargs: { b: 2 } });
 * await t.start();
 * await t.join();
 */
export class Thread {
  readonly #target: Target | null;
  readonly #args: unknown[];
  readonly #kwargs: Record<string, unknown> | null;
  #name: string;
  #daemon: boolean;
  #ident: number | null = null;
  #nativeId: number | null = null;
  #state: 'initial' | 'started' | 'stopped' = 'initial';
  #ended: Promise<void> | null = null;

  static {
    libraryPrototypes.add(Thread.prototype);
    adopt = (thread, ident, nativeId) => {
      thread.#state = 'started';
      thread.#ident = ident;
      thread.#nativeId = nativeId;
    };
  }

  /**
   * @param options Python's keyword arguments (all optional).
   *
   * @example
   * new Thread({ target: { module: './jobs.js', export: 'resize' }, args: [path], name: 'resizer' });
   */
  constructor(options: ThreadOptions = {}) {
    const fields = threadFields(options, (target) => checkTarget(target, 'target'), () => current_thread().daemon);
    ({ target: this.#target, args: this.#args, kwargs: this.#kwargs, daemon: this.#daemon, name: this.#name } = fields);
  }

  /** The thread's name (any string; not unique). */
  get name(): string {
    return this.#name;
  }

  set name(value: string) {
    this.#name = String(value);
  }

  /** `get_ident()` of the thread once started, else `null`. */
  get ident(): number | null {
    return this.#ident;
  }

  /** The OS thread id once the thread runs (after `start()` resolved), else `null`. */
  get native_id(): number | null {
    return this.#nativeId;
  }

  /** A daemon thread does not keep the process alive. Set before `start()`. */
  get daemon(): boolean {
    return this.#daemon;
  }

  set daemon(value: boolean) {
    checkDaemonSettable(value, this.#state !== 'initial');
    this.#daemon = value;
  }

  /**
   * Whether the thread has started and not yet ended.
   *
   * @example
   * while (t.is_alive()) await t.join(1);
   */
  is_alive(): boolean {
    return this.#state === 'started';
  }

  /**
   * Start the thread on a new OS thread. Resolves once it runs (or failed to).
   * Throws ThreadError "threads can only be started once" the second time,
   * and a TypeError when args, kwargs or fields cannot be cloned.
   *
   * @example
   * await t.start();
   * console.log(t.native_id);
   */
  start(): Promise<void> {
    checkStartable(this.#state !== 'initial');
    const levels = subclassLevels(this, libraryPrototypes);
    const job: ThreadJob = {
      name: this.#name,
      daemon: this.#daemon,
      target: this.#target && sendTarget(this.#target),
      args: this.#args,
      kwargs: this.#kwargs,
      levels,
      fields: levels && ({ ...this } as Record<string, unknown>),
      timer: this[TIMER_JOB](),
    };
    const worker = spawnThreadWorker(encode(job));
    this.#state = 'started';
    this.#ident = worker.threadId + 1;
    running.add(this);
    return this.#watch(worker);
  }

  #watch(worker: Worker): Promise<void> {
    const release = holdOpen();
    let started!: () => void;
    const runs = new Promise<void>((resolve) => (started = resolve)).finally(release);
    worker.on('message', (message: Partial<ThreadMessage> | null) => {
      if (message?.[MESSAGE_TAG] === 'started') {
        this.#nativeId = (message as { nativeId: number }).nativeId;
        started();
      } else if (message?.[MESSAGE_TAG] === 'exception') {
        reportThreadException(exceptHookArgs((message as { error: unknown }).error, this));
      }
    });
    worker.on('error', (error) => reportThreadException(exceptHookArgs(error, this)));
    // A daemon's worker does not keep the process alive (after the listeners: a 'message' listener refs it).
    if (this.#daemon) worker.unref();
    this.#ended = new Promise((resolve) =>
      worker.once('exit', () => {
        this.#state = 'stopped';
        running.delete(this);
        started();
        resolve();
      }),
    );
    return runs;
  }

  /**
   * What the thread does: call the target with args (and kwargs when given).
   * `start()` calls it in the new thread; calling it directly runs it here.
   * Subclasses override it.
   *
   * @example
   * class Worker extends Thread { override async run() { await work(this.name); } }
   */
  run(): Promise<void> {
    return callTarget(this.#target, this.#args, this.#kwargs);
  }

  /**
   * Wait until the thread ends, or `timeout` seconds. Resolves either way
   * (check `is_alive()`). ThreadError "cannot join thread before it is
   * started", "cannot join current thread"; joining a thread another thread
   * started (e.g. the main thread from a worker) is refused too.
   *
   * @example
   * await t.join(5);
   * if (t.is_alive()) console.log('still running');
   */
  join(timeout: number | null = null): Promise<void> {
    checkJoinable(timeout, this.#state !== 'initial', () => this.#ident === get_ident());
    if (this.#ended === null) throw new ThreadError('cannot join a thread that the current thread did not start');
    return endedWithin(this.#ended, timeout);
  }

  /** @internal A Timer's extra job fields; `null` for a plain Thread. */
  [TIMER_JOB](): ThreadJob['timer'] {
    return null;
  }
}

function endedWithin(ended: Promise<void>, timeout: number | null): Promise<void> {
  const release = holdOpen();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      release();
      resolve();
    };
    const timer = timeout === null ? undefined : setTimeout(done, timeout * 1000);
    void ended.then(done);
  });
}

/**
 * Mark a library class's prototype: a user subclass's source ends there.
 *
 * @example
 * markLibraryPrototype(Timer.prototype);
 */
export function markLibraryPrototype(prototype: object): void {
  libraryPrototypes.add(prototype);
}

/**
 * Make `thread` stand for a thread that already runs (this one, the main
 * thread seen from a worker).
 *
 * @example
 * const self = adoptThread(new Thread({ name, daemon }), get_ident(), get_native_id());
 */
export function adoptThread<T extends Thread>(thread: T, ident: number, nativeId: number): T {
  adopt(thread, ident, nativeId);
  return thread;
}

/**
 * Set what `current_thread()` returns in this thread (the thread runner does).
 *
 * @example
 * setCurrentThread(self);
 */
export function setCurrentThread(thread: Thread): void {
  current = thread;
}

/**
 * The process's main thread (`MainThread`).
 *
 * @example
 * if (current_thread() === main_thread()) console.log('on the main thread');
 */
export function main_thread(): Thread {
  return (mainThread ??= adoptThread(
    new Thread({ name: 'MainThread', daemon: false }),
    1,
    isMainThread ? get_native_id() : process.pid,
  ));
}

/**
 * The Thread object of the calling thread (a `Dummy-N` for a worker that the
 * native shim did not start).
 *
 * @example
 * console.log(current_thread().name);
 */
export function current_thread(): Thread {
  return (current ??= isMainThread
    ? main_thread()
    : adoptThread(new Thread({ name: newDummyThreadName(), daemon: true }), get_ident(), get_native_id()));
}

/**
 * The live threads this thread knows: the main thread, itself, and those it
 * started that still run.
 *
 * @example
 * for (const t of enumerate()) console.log(t.name);
 */
export function enumerate(): Thread[] {
  return [...new Set([main_thread(), current_thread(), ...running])];
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
