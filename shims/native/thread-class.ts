/**
 * Python's `threading.Thread` on a real OS thread (a `node:worker_threads`
 * Worker), and this thread's view of the others: `current_thread`,
 * `main_thread`, `enumerate`, `active_count`.
 *
 * The model is Python multiprocessing's "spawn": `start()` sends the
 * thread's job to a new worker, which imports the module that declares the
 * target (or the Thread subclass) again — its top-level code runs there up
 * to its first thread start (see `thread-bootstrap`) — and runs the target
 * there with the module's imports, helpers and constants (a thread that
 * finds a warm worker, see `thread-pool`, runs there on the modules that
 * worker already imported). Module-level
 * locks and events are the same objects in both threads (see
 * `shared-sites`); arguments cross as copies (instances of reachable
 * classes as instances, see `shareable`). A target declared nowhere the new
 * thread can import (a closure) is sent as its source text. `start()`
 * resolves once the thread runs; the worker's messages report its OS thread
 * id and any uncaught error, which goes to `threading.excepthook`. Each thread is
 * its own isolate, so `enumerate()` lists the main thread, the calling
 * thread and the threads the calling thread started — not threads started
 * by other threads.
 *
 * @module
 */
import { isMainThread } from 'node:worker_threads';
import { ThreadError } from '../shared/errors.js';
import { exceptHookArgs, reportThreadException } from '../shared/excepthook.js';
import { checkDaemonSettable, checkJoinable, checkStartable } from '../shared/thread-checks.js';
import { newDummyThreadName, threadFields, type CommonThreadOptions, type ThreadFields } from '../shared/thread-options.js';
import { userSite } from '../shared/call-site.js';
import { get_ident, get_native_id } from './identity.js';
import { holdOpen } from './keep-alive.js';
import { encode } from './shareable.js';
import { subclassLevels } from './subclass-source.js';
import { callTarget } from '../shared/target.js';
import { checkTarget, sendTarget, type SentTarget, type Target, type ThreadTarget } from './target.js';
import { collectingModules, locate, moduleOf, refKey, type ModuleRef } from './target-location.js';
import { sitesForThread } from './shared-sites.js';
import { stopIfBootstrapping } from './thread-bootstrap.js';
import type { ThreadJob } from './thread-job.js';
import { startThread } from './thread-pool.js';

/**
 * Python's `Thread(...)` keyword arguments.
 *
 * @example
 * const options: ThreadOptions = { target: (n) => n * 2, args: [21], daemon: true };
 */
export interface ThreadOptions extends CommonThreadOptions {
  /** A function (run in the new thread from its module, see above) or `{ module, export? }`. */
  target?: ThreadTarget | null;
  /** Positional arguments, copied (shared locks, events… stay shared). */
  args?: Iterable<unknown> | null;
}

/**
 * Method key through which a Timer adds its interval and event to the job.
 *
 * @example
 * override [TIMER_JOB]() { return { interval: this.interval, finished: this.finished }; }
 */
export const TIMER_JOB = Symbol('green-loader.native.timerJob');

/** Options a native thread builds its Thread from, already checked by its creator. */
class Prebuilt {
  constructor(readonly fields: ThreadFields) {}
}

/**
 * Options that make the Thread constructor take `fields` as they are (a
 * native thread rebuilding the Thread its creator checked: no second check).
 *
 * @example
 * const thread = Reflect.construct(Thread, [prebuilt(fields)], cls);
 */
export function prebuilt(fields: ThreadFields): ThreadOptions {
  return new Prebuilt(fields) as unknown as ThreadOptions;
}

/**
 * Whether `value` came from {@link prebuilt}.
 *
 * @example
 * super(isPrebuilt(fn) ? fn : { target: fn });
 */
export function isPrebuilt(value: unknown): value is ThreadOptions {
  return value instanceof Prebuilt;
}

const libraryPrototypes = new Set<object>();
const running = new Set<Thread>();
let current: Thread | undefined;
let mainThread: Thread | undefined;
let adopt: (thread: Thread, ident: number, nativeId: number) => void;

/**
 * A thread of control on its own OS thread.
 *
 * A function `target` declared at the top level of a module runs in the new
 * thread from that module (imported there again), with copied `args`; a
 * module target's module is imported there. A subclass may override `run()`
 * instead: the new thread imports the subclass's module and `this` there is
 * an instance of the subclass with a copy of the instance's own fields (a
 * subclass declared where the thread cannot import it is sent as source,
 * see `subclass-source`).
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
  readonly #sent: { sent: SentTarget; module: ModuleRef | null } | null = null;

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
    if (options instanceof Prebuilt) {
      ({ target: this.#target, args: this.#args, kwargs: this.#kwargs, daemon: this.#daemon, name: this.#name } = options.fields);
      return;
    }
    // The module that named the target: read from the stack only when needed, while this constructor runs.
    let namedBy: string | null | undefined;
    const namer = (): string | null => (namedBy === undefined ? (namedBy = userSite(Thread)?.url ?? null) : namedBy);
    const fields = threadFields(options, (target) => checkTarget(target, 'target', namer), () => current_thread().daemon);
    ({ target: this.#target, args: this.#args, kwargs: this.#kwargs, daemon: this.#daemon, name: this.#name } = fields);
    this.#sent = this.#target && sendTarget(this.#target, namer);
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
    this.#daemon = checkDaemonSettable(value, this.#state !== 'initial');
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
   * Start the thread on an OS thread of its own (a new worker, or a warm
   * one an earlier thread left, see `thread-pool`). Resolves once it runs — its
   * modules imported, just before its target is called — or failed to.
   * Throws ThreadError "threads can only be started once" the second time,
   * and a TypeError naming what in args, kwargs or fields cannot be copied
   * (a function, an instance of a class the thread cannot reach).
   *
   * @example
   * await t.start();
   * console.log(t.native_id);
   */
  start(): Promise<void> {
    stopIfBootstrapping();
    checkStartable(this.#state !== 'initial');
    let started!: () => void;
    let ended!: () => void;
    const runs = new Promise<void>((resolve) => (started = resolve));
    const ends = new Promise<void>((resolve) => (ended = resolve));
    this.#ident = startThread(this.#job(), this.#daemon, {
      started: (nativeId) => {
        this.#nativeId = nativeId;
        started();
      },
      exception: (error) => reportThreadException(exceptHookArgs(error, this)),
      ended: () => {
        this.#state = 'stopped';
        running.delete(this);
        started();
        ended();
      },
    });
    this.#state = 'started';
    this.#ended = ends;
    running.add(this);
    return runs.finally(holdOpen());
  }

  /** What the new thread needs; throws a TypeError naming what cannot cross. */
  #job(): ThreadJob {
    const modules = new Map<string, ModuleRef>();
    const need = (ref: ModuleRef | null): void => void (ref && modules.set(refKey(ref), ref));
    const userClass = !libraryPrototypes.has(Object.getPrototypeOf(this));
    const cls = userClass ? locate(this.constructor) : null;
    const levels = userClass && cls === null ? subclassLevels(this, libraryPrototypes) : null;
    const encoded = collectingModules(need, () => ({
      args: encode(this.#args, 'args'),
      kwargs: encode(this.#kwargs, 'kwargs'),
      fields: cls || levels ? encode({ ...this }, 'this') : null,
      timer: encode(this[TIMER_JOB](), 'timer'),
    }));
    need(cls && moduleOf(cls));
    need(this.#sent?.module ?? null);
    return {
      name: this.#name,
      ident: null,
      daemon: this.#daemon,
      target: this.#sent?.sent ?? null,
      ...encoded,
      cls,
      levels,
      modules: [...modules.values()],
      sites: sitesForThread(),
    };
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
