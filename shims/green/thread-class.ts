/**
 * Python's `threading.Thread` as a greenlet.
 *
 * `start()` spawns a runtime {@link Greenlet} that runs the thread's `run()`
 * on the hub, so a target may use closures (unlike a native thread) and
 * every thread shares the one OS thread: `native_id` is the same for all,
 * `ident` is the greenlet's small integer identity. An uncaught error in
 * `run()` is caught by the thread and handed to `threading.excepthook`
 * (whatever it is now), never also printed by the hub; `thread.exit()` and a
 * kill end the thread quietly. A non-daemon thread keeps the process alive
 * while it waits on a timer or I/O; a daemon thread's greenlet has
 * `keepAlive = false`: its sleeps do not hold the process open once the main
 * program and the non-daemon threads are done, and it is abandoned at exit
 * without a LoopExit report, as Python abandons daemon threads. A non-daemon
 * thread blocked forever at exit (a green deadlock) dies of the hub's
 * LoopExit, reported once by the hub with exit code 1 — Python would hang
 * there. `getHub().join()` waits for all of them, daemon or not.
 *
 * @module
 */
import { getCurrent } from '../../runtime/current.js';
import { GreenletExit, LoopExit } from '../../runtime/errors.js';
import { Greenlet } from '../../runtime/greenlet.js';
import { getHub } from '../../runtime/hub.js';
import { atNextSwitch } from '../../runtime/waiter.js';
import { ThreadExit } from '../shared/errors.js';
import { exceptHookArgs, reportThreadException } from '../shared/excepthook.js';
import { get_native_id } from '../shared/os-thread-id.js';
import { userSite } from '../shared/call-site.js';
import { callTarget, checkTarget, type Target, type ThreadTarget } from '../shared/target.js';
import { checkDaemonSettable, checkJoinable, checkStartable } from '../shared/thread-checks.js';
import { threadFields, type CommonThreadOptions } from '../shared/thread-options.js';
import { threadOf, track } from './active.js';

/**
 * Python's `Thread(...)` keyword arguments.
 *
 * @example
 * const options: ThreadOptions = { target: (n) => results.push(n * 2), args: [21], daemon: true };
 */
export interface ThreadOptions extends CommonThreadOptions {
  /** A function (closures welcome) or a module target `{ module, export? }`. */
  target?: ThreadTarget | null;
  /** Positional arguments (passed as they are, not copied). */
  args?: Iterable<unknown> | null;
}

let adopt: (thread: Thread, greenlet: Greenlet<any>) => void;

function noop(): void {}

/**
 * A thread of control that is a greenlet.
 *
 * @example
 * const seen: number[] = [];
 * const t = new Thread({ target: (a, kw) => seen.push(a, kw.b), args: [1], kwargs: { b: 2 } });
 * await t.start();
 * await t.join();
 */
export class Thread {
  readonly #target: Target | null;
  readonly #args: unknown[];
  readonly #kwargs: Record<string, unknown> | null;
  #name: string;
  #daemon: boolean;
  #greenlet: Greenlet<any> | null = null;
  #nativeId: number | null = null;

  static {
    adopt = (thread, greenlet) => {
      thread.#greenlet = greenlet;
      thread.#nativeId = get_native_id();
    };
  }

  /**
   * @param options Python's keyword arguments (all optional).
   *
   * @example
   * new Thread({ target: crawl, args: [url], name: 'crawler', daemon: true });
   */
  constructor(options: ThreadOptions = {}) {
    // A function target runs here as it is (closures welcome): only a module target needs checking.
    // A relative module target resolves against the module that named it.
    const namer = (): string | null => userSite(Thread)?.url ?? null;
    const fields = threadFields(options, (target) => (typeof target === 'function' ? target : checkTarget(target, 'target', namer)), creatorIsDaemon);
    ({ target: this.#target, args: this.#args, kwargs: this.#kwargs, daemon: this.#daemon, name: this.#name } = fields);
  }

  /** The thread's name (any string; not unique). @example t.name = 'fetcher'; */
  get name(): string {
    return this.#name;
  }

  set name(value: string) {
    this.#name = String(value);
    if (this.#greenlet && this.#greenlet !== getHub().main) this.#greenlet.name = this.#name;
  }

  /** The greenlet's identity (`get_ident()` inside the thread) once started, else `null`. @example t.ident; */
  get ident(): number | null {
    return this.#greenlet?.minimalIdent ?? null;
  }

  /** The OS thread id (the same for every green thread) once the thread runs, else `null`. @example t.native_id === get_native_id(); */
  get native_id(): number | null {
    return this.#nativeId;
  }

  /** A daemon thread does not keep the process alive and is abandoned silently at exit. Set before `start()`. @example t.daemon = true; */
  get daemon(): boolean {
    return this.#daemon;
  }

  set daemon(value: boolean) {
    this.#daemon = checkDaemonSettable(value, this.#greenlet !== null);
  }

  /**
   * Whether the thread has started and its greenlet is not dead yet.
   *
   * @example
   * while (t.is_alive()) await t.join(1);
   */
  is_alive(): boolean {
    return this.#greenlet !== null && !this.#greenlet.dead;
  }

  /**
   * Spawn the thread's greenlet. Resolves once it has run up to its first
   * switch point (where it waits: a green sleep, lock, queue…) or ended, as
   * gevent's `start()` returns once the new greenlet blocks; or, when it only
   * awaits foreign promises, once those leave the event loop a turn. Callers
   * may ignore the Promise. Throws ThreadError "threads can only be started
   * once".
   *
   * @example
   * await t.start();
   * console.log(t.ident, t.native_id);
   */
  start(): Promise<void> {
    checkStartable(this.#greenlet !== null);
    let began!: () => void;
    const running = new Promise<void>((resolve) => (began = resolve));
    const greenlet = new Greenlet(() => this.#bootstrap(began));
    greenlet.name = this.#name;
    greenlet.keepAlive = !this.#daemon;
    this.#greenlet = greenlet;
    track(greenlet, this);
    atNextSwitch(greenlet, began);
    greenlet.start();
    return running;
  }

  async #bootstrap(began: () => void): Promise<void> {
    this.#nativeId = get_native_id();
    // A thread that never reaches a switch point but awaits foreign work
    // (fetch, fs/promises) must not hold up its starter until it ends.
    setImmediate(began);
    try {
      await this.run();
    } catch (error) {
      if (error instanceof GreenletExit) throw error;
      // A deadlock at exit is not an error of the thread's code: the hub
      // reports it once for every thread (and the exit code becomes 1), where
      // excepthook would print the whole report once per thread. A daemon
      // thread is abandoned quietly at exit, as in Python.
      if (error instanceof LoopExit) {
        if (this.#daemon) return;
        throw error;
      }
      if (!(error instanceof ThreadExit)) reportThreadException(exceptHookArgs(error, this));
    }
  }

  /**
   * What the thread does: call the target with args (and kwargs when given).
   * `start()` calls it in the thread's greenlet; subclasses override it.
   *
   * @example
   * class Worker extends Thread { override async run() { await work(this.name); } }
   */
  run(): Promise<void> {
    return callTarget(this.#target, this.#args, this.#kwargs);
  }

  /**
   * Wait until the thread ends, or `timeout` seconds; resolves either way
   * (check `is_alive()`). ThreadError "cannot join thread before it is
   * started", "cannot join current thread". Joining the main thread from a
   * green thread resolves when nothing else is left to run (the process
   * would exit: Python's main thread has finished) or on timeout.
   *
   * @example
   * await t.join(5);
   * if (t.is_alive()) console.log('still running');
   */
  join(timeout: number | null = null): Promise<void> {
    const greenlet = this.#greenlet;
    checkJoinable(timeout, greenlet !== null, () => greenlet === getCurrent());
    return greenlet!.join(timeout).then(noop);
  }
}

/** Python's default daemon flag: the creating thread's (a dummy thread's is true). */
function creatorIsDaemon(): boolean {
  const creator = getCurrent();
  return threadOf(creator)?.daemon ?? creator !== getHub().main;
}

/**
 * Bind `thread` to a greenlet that already runs (the main pseudo-greenlet, a
 * dummy thread's greenlet) and record it as alive until that greenlet dies.
 *
 * @example
 * const main = adoptThread(new Thread({ name: 'MainThread', daemon: false }), getHub().main);
 */
export function adoptThread<T extends Thread>(thread: T, greenlet: Greenlet<any>): T {
  adopt(thread, greenlet);
  return track(greenlet, thread);
}
