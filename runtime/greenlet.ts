/**
 * Greenlet: a cooperatively scheduled task, gevent's central type in
 * JavaScript shape.
 *
 * A greenlet runs an (async) function on the hub. Every wait it makes through
 * this package is a switch point: the place where it yields and where `kill()`
 * and a {@link Timeout} reach it. A kill that arrives while the greenlet
 * awaits a foreign promise aborts {@link Greenlet.signal} at once and is thrown
 * in at the next switch point. An error that ends a greenlet is stored,
 * reported once by the hub, and never becomes an `unhandledRejection`.
 *
 * Greenlet is deliberately not thenable: an async function that returns one
 * hands back the Greenlet, not its result. Use `join()` or `get()`.
 *
 * @module
 */
import { isMainThread, threadId } from './this-thread.js';
import { context, getCurrent } from './current.js';
import { describeWait } from './describe.js';
import { isInstance } from './describe-thrown.js';
import { GreenletExit, InvalidState, LoopExit } from './errors.js';
import { getHub, peekHub } from './hub.js';
import { allocateIdent, reserveIdent } from './ident.js';
import { captureSite, userFrame, type Site } from './site.js';
import { Timeout } from './timeout.js';
import { checkBoolean, checkFunction, checkOptions, checkSeconds, toException, type ErrorClass } from './validate.js';
import { expireWith, NONE, park, reachedSwitch, WaitList, type Waiter } from './waiter.js';

const NEW = 0;
const STARTED = 1;
const RUNNING = 2;
/**
 * Running, but its body has returned: it returned the promise of its only
 * open wait (`spawn(() => ev.wait())`, gevent's `spawn(ev.wait)`). The
 * body's promise is followed only once that wait ends, so a greenlet
 * blocked there holds no reaction and no context frame (see `_waitEnded`).
 */
/**
 * Running, yielding in a `sleep(0)` whose resume the hub has queued (a busy
 * hub: see `sleep`). Its resume is certain to run, so a body that returns
 * meanwhile is followed from there (DEFERRED).
 */
const YIELDING = 3;
const RETURNED = 4;
/**
 * Running, but its body returned while YIELDING: `_result` holds what it
 * returned (a promise), followed once that `sleep(0)` resumes (see
 * `_resumed`). Until then a greenlet parked in W1's `await sleep(0)` holds
 * no reaction of ours on its body's promise.
 */
const DEFERRED = 5;
const DEAD = 6; // dead, successful (a GreenletExit counts as success)
const FAILED = 7; // dead, failed: `_result` is the error

const ALL = 0;
const ON_VALUE = 1;
const ON_EXCEPTION = 2;

const RESOLVED_TRUE = Promise.resolve(true);
const RESOLVED_VOID = Promise.resolve();

/** A callback registered with `link()`: receives the dead greenlet. */
export type LinkCallback<T> = (greenlet: Greenlet<T>) => unknown;

interface Link<T> {
  readonly callback: LinkCallback<T>;
  readonly kind: number;
}

/**
 * The links of one greenlet: none, one `link()`/`rawlink()` callback stored
 * as itself (what `joinAll` and `wait` add: no object, no array), or a list.
 */
type Links<T> = LinkCallback<T> | Link<T>[] | null;

/**
 * What most greenlets never use, made on first need so that a greenlet stays
 * small (W7 counts the bytes per blocked greenlet).
 */
class Extras {
  killedWith: unknown = NONE;
  customName: string | null = null;
  ident = 0;
  joiners: WaitList | null = null;
  controller: AbortController | null = null;
  startTimer: ReturnType<typeof setTimeout> | null = null;
  site: Site | null = null;
  daemon = false;
}

/** The `args` of every greenlet made without arguments: one shared frozen array. */
const NO_ARGS: never[] = Object.freeze([]) as unknown as never[];

/** Options of {@link Greenlet.get}. */
export interface GetOptions {
  /** Wait for the result (default true); false throws Timeout when not ready. */
  block?: boolean;
  /** Seconds to wait before throwing Timeout. */
  timeout?: number | null;
}

/** Options of {@link Greenlet.kill}. */
export interface KillOptions {
  /** Wait until the greenlet is dead (default true). */
  block?: boolean;
  /** Seconds to wait for it when blocking. */
  timeout?: number | null;
}

/**
 * A cooperatively scheduled task.
 *
 * @example
 * const g = new Greenlet(async (n: number) => n * 2, 21);
 * g.start();
 * console.log(await g.get()); // 42
 */
export class Greenlet<T = unknown, A extends unknown[] = any[]> {
  /** The function the greenlet runs. */
  readonly fn: (...args: A) => T | PromiseLike<T>;
  /** The arguments it is called with. */
  readonly args: A;

  /** @internal */ _state = NEW;
  /** @internal The value (DEAD) or the error (FAILED) once dead; what the body returned while DEFERRED. */ _result: unknown = undefined;
  /** @internal */ _pending: unknown = NONE;
  /** @internal */ _waitHead: Waiter<any> | null = null;
  /** @internal */ _livePrev: Greenlet<any> | null = null;
  /** @internal */ _liveNext: Greenlet<any> | null = null;
  /** @internal Spawn order in its hub (1, 2, …; never reused), 0 until started. */ _serial = 0;
  private parent: Greenlet<any> | null;
  private links: Links<any> = null;
  private extras: Extras | null = null;

  constructor(fn: (...args: A) => T | PromiseLike<T>, ...args: A);
  // The arguments are read from `arguments`: a rest parameter is an array
  // made on every call, even an empty one (W1 spawns without arguments).
  constructor(fn: (...args: A) => T | PromiseLike<T>) {
    checkFunction(fn, 'fn');
    this.fn = fn;
    const k = arguments.length;
    // Indexed reads leave `arguments` unmaterialized; three or more arguments are rare.
    this.args = (k <= 1 ? NO_ARGS : k === 2 ? [arguments[1]] : Array.prototype.slice.call(arguments, 1)) as A;
    this.parent = context.getStore() ?? null;
    // The first greenlet may create the hub; the hub's own main greenlet must not.
    const hub = peekHub() ?? (new.target === MainGreenlet ? null : getHub());
    if (hub?.captureSpawnSites) this.more().site = captureSite(Greenlet);
  }

  /** The return value once successful; the GreenletExit if killed by one. */
  get value(): T | undefined {
    return this._state === DEAD ? (this._result as T) : undefined;
  }

  /** The error that ended it, if it failed. */
  get exception(): unknown {
    return this._state === FAILED ? this._result : undefined;
  }

  /**
   * Whether this greenlet holds the process open (default true). A greenlet
   * with `keepAlive = false` is abandoned at exit like a Python daemon
   * thread: the timers of its sleeps and timed waits do not keep the event
   * loop alive while no greenlet that keeps it alive remains, and its
   * unfinished waits are left out of the exit-time LoopExit.
   *
   * @example
   * const g = new Greenlet(heartbeat); g.keepAlive = false; g.start();
   */
  get keepAlive(): boolean {
    return this.extras === null || !this.extras.daemon;
  }
  set keepAlive(on: boolean) {
    if (on && this.extras === null) return;
    this.more().daemon = !on;
  }

  private more(): Extras {
    return (this.extras ??= new Extras());
  }

  /**
   * Create and start a greenlet: it runs on the hub's next turn.
   *
   * @example
   * const g = Greenlet.spawn(fetchUser, 42);
   */
  static spawn<T, A extends unknown[]>(fn: (...args: A) => T | PromiseLike<T>, ...args: A): Greenlet<Awaited<T>, A>;
  static spawn<T, A extends unknown[]>(fn: (...args: A) => T | PromiseLike<T>): Greenlet<Awaited<T>, A> {
    // `arguments`, not a rest parameter: no array per spawn (see the constructor).
    const k = arguments.length;
    const make = Greenlet as unknown as new (fn: unknown, arg?: unknown) => Greenlet<Awaited<T>, A>;
    const g = k <= 1 ? new make(fn) : k === 2 ? new make(fn, arguments[1]) : (Reflect.construct(Greenlet, arguments) as Greenlet<Awaited<T>, A>);
    g.start();
    return g;
  }

  /**
   * True once `start()` or `startLater()` was called; stays true after death.
   * A greenlet killed before anything started it stays unstarted, as in gevent.
   */
  get started(): boolean {
    return this._state !== NEW && (this._state < DEAD || !killedUnstarted.has(this));
  }

  /** True once the greenlet has finished, failed or been killed. */
  get dead(): boolean {
    return this._state >= DEAD;
  }

  /** The greenlet that created this one (the hub's main outside any greenlet). */
  get spawningGreenlet(): Greenlet<any> | null {
    return this.parent ?? (this === getHub().main ? null : getHub().main);
  }

  /** A small integer identity, reused after the greenlet is collected (the hub's main greenlet: 1 on the main thread). */
  get minimalIdent(): number {
    const more = this.more();
    if (more.ident === 0) {
      getHub(); // the main greenlet takes its ident first, so it is stable whoever asks first
      more.ident ||= allocateIdent(this);
    }
    return more.ident;
  }

  /** @internal The main greenlet's ident, taken when the hub is created. */
  protected _takeMainIdent(): void {
    this.more().ident = isMainThread() ? allocateIdent(this) : reserveIdent(threadId() + 1);
  }

  /** Its name: `Greenlet-${minimalIdent}` unless set. */
  get name(): string {
    return this.extras?.customName ?? `Greenlet-${this.minimalIdent}`;
  }
  set name(value: string) {
    if (typeof value !== 'string') throw new TypeError(`name must be a string, got ${typeof value}`);
    this.more().customName = value;
  }

  /**
   * Aborted when the greenlet is killed or a Timeout reaches it: pass it to
   * foreign APIs (`fetch(url, { signal: getCurrent().signal })`) so they stop
   * too. After a Timeout is caught, the next read gives a fresh signal.
   */
  get signal(): AbortSignal {
    const more = this.more();
    if (!more.controller) {
      more.controller = new AbortController();
      if (more.killedWith !== NONE) more.controller.abort(more.killedWith);
    }
    return more.controller.signal;
  }

  /** True when dead. */
  ready(): boolean {
    return this._state >= DEAD;
  }

  /** True when dead without an error (ending by GreenletExit counts as success). */
  successful(): boolean {
    return this._state === DEAD;
  }

  /**
   * Schedule the greenlet to run on the hub's next turn. A no-op when already started.
   *
   * @example
   * const g = new Greenlet(work);
   * g.start();
   */
  start(): void {
    if (this._state !== NEW) return;
    this._state = STARTED;
    const hub = getHub();
    hub._addLive(this);
    hub._scheduleStart(this);
  }

  /**
   * Start after `seconds`.
   *
   * @example
   * new Greenlet(poll).startLater(0.5);
   */
  startLater(seconds: number): void {
    checkSeconds(seconds, 'seconds');
    if (this._state !== NEW) return;
    this._state = STARTED;
    getHub()._addLive(this);
    this.more().startTimer = setTimeout(startNow, seconds * 1000, this);
  }

  /**
   * Wait until the greenlet is dead. Resolves true when it is, false on
   * timeout; never throws the greenlet's error (use `get()`).
   *
   * @example
   * if (!(await g.join(1))) console.log('still running');
   */
  join(timeout?: number | null): Promise<boolean> {
    checkSeconds(timeout, 'timeout');
    if (this._state >= DEAD) return RESOLVED_TRUE;
    if (this === getCurrent()) return Promise.reject(new InvalidState('cannot join current greenlet'));
    const w = park<boolean>((this.more().joiners ??= new WaitList()), this, 'join', timeout, expireWith(false));
    w.exitValue = false;
    return w.promise;
  }

  /**
   * The greenlet's value, or its error thrown; Timeout if not ready in time
   * (or at once with `{ block: false }`).
   *
   * @example
   * const user = await Greenlet.spawn(loadUser, id).get({ timeout: 5 });
   */
  get(options?: GetOptions): Promise<T> {
    checkOptions(options, 'options');
    const block = options?.block ?? true;
    const timeout = options?.timeout;
    checkBoolean(block, 'options.block');
    checkSeconds(timeout, 'options.timeout');
    return this.getChecked(block, timeout);
  }

  private async getChecked(block: boolean, timeout: number | null | undefined): Promise<T> {
    if (this._state < DEAD) {
      if (!block) throw new Timeout(0, 'greenlet is not ready');
      if (this === getCurrent()) throw new InvalidState('cannot get the result of the current greenlet');
      await park((this.more().joiners ??= new WaitList()), this, 'get', timeout, expireTimeout).promise;
    }
    if (this._state === FAILED) throw this._result;
    return this._result as T;
  }

  /**
   * Kill the greenlet: throw `exception` (default a new GreenletExit) into it
   * at its current or next switch point and abort its `signal`. `exception`
   * is an Error or an Error class (instantiated, as gevent does); anything
   * else is a TypeError, thrown at the call. A kill the body never saw (it
   * ended inside a foreign await that ignored the signal) still wins: the
   * greenlet ends killed, not with what that await gave. A greenlet
   * that has not run yet never runs. With `block` (default) waits until it is
   * dead, at most `timeout` seconds.
   *
   * @example
   * await g.kill();                          // GreenletExit: successful, value is the exit
   * await g.kill(new Error('stop'), { block: false });
   */
  kill(exception: Error | ErrorClass = new GreenletExit(), options?: KillOptions): Promise<void> {
    const error = toException(exception, 'exception');
    checkOptions(options, 'options');
    const block = options?.block ?? true;
    const timeout = options?.timeout;
    checkBoolean(block, 'options.block');
    checkSeconds(timeout, 'options.timeout');
    if (this._state >= DEAD) return RESOLVED_VOID;
    if (this._state < RUNNING) {
      const timer = this.extras?.startTimer;
      if (timer) clearTimeout(timer);
      if (this._state === NEW) killedUnstarted.add(this);
      this._state = STARTED;
      this._finish(undefined, error);
      return RESOLVED_VOID;
    }
    this.more().killedWith = error;
    this._throw(error, true);
    if (this === getCurrent()) {
      this._pending = NONE;
      return Promise.reject(error);
    }
    return block ? this.join(timeout).then(noop) : RESOLVED_VOID;
  }

  /**
   * Call `callback(greenlet)` from the hub once the greenlet is dead (at once
   * if it already is). Callbacks fire in registration order; an async callback
   * runs on without holding the hub.
   *
   * @example
   * g.link((g) => console.log(g.name, 'done'));
   */
  link(callback: LinkCallback<T>): void {
    this.addLink(callback, ALL);
  }

  /**
   * Like `link`, but only when the greenlet succeeded.
   *
   * @example
   * g.linkValue((g) => results.push(g.value));
   */
  linkValue(callback: LinkCallback<T>): void {
    this.addLink(callback, ON_VALUE);
  }

  /**
   * Like `link`, but only when the greenlet failed.
   *
   * @example
   * g.linkException((g) => supervisor.restart(g));
   */
  linkException(callback: LinkCallback<T>): void {
    this.addLink(callback, ON_EXCEPTION);
  }

  /**
   * The same as `link`: the protocol `wait()` and `iwait()` use for any object.
   *
   * @example
   * g.rawlink(onDone);
   */
  rawlink(callback: LinkCallback<T>): void {
    this.addLink(callback, ALL);
  }

  /**
   * Remove a callback added by `link`, `linkValue`, `linkException` or `rawlink`.
   *
   * @example
   * g.unlink(onDone);
   */
  unlink(callback: LinkCallback<T>): void {
    this.listWhileFiring();
    const links = this.links;
    if (links === callback) {
      this.links = null;
      return;
    }
    if (!links || typeof links === 'function') return;
    const i = links.findIndex((l) => l.callback === callback && !unlinked.has(l));
    if (i < 0) return;
    // While the links fire, the list is being walked: mark instead of removing.
    if (links === firing) unlinked.add(links[i]!);
    else links.splice(i, 1);
  }

  /** `<Greenlet "name" state>` */
  toString(): string {
    const state = ['new', 'started', 'running', 'running', 'running', 'running', 'dead', 'dead'][this._state];
    return `<${this.constructor.name} "${this.name}" ${state}>`;
  }

  private addLink(callback: LinkCallback<T>, kind: number): void {
    checkFunction(callback, 'callback');
    this.listWhileFiring();
    const links = this.links;
    if (links === null && kind === ALL) this.links = callback;
    else if (links === null) this.links = [{ callback, kind }];
    else if (typeof links === 'function') this.links = [{ callback: links, kind: ALL }, { callback, kind }];
    else links.push({ callback, kind });
    // After death: fire from the hub, still through the list so that unlink()
    // before that turn takes effect. One pending fireLinks serves them all.
    if (this._state >= DEAD && links === null) getHub().schedule(fireLinks, this as Greenlet<any>);
  }

  /** @internal Text appended to the name in failure reports: where, or by whom, it was spawned. */
  _spawnSite(): string {
    const frame = this._spawnFrame();
    if (frame) return ` (spawned at ${frame})`;
    return this === getHub().main ? '' : ` (spawned by ${this.spawningGreenlet?._reportName()})`;
  }

  /** @internal Where in the user's code it was spawned, when spawn sites are recorded. */
  _spawnFrame(): string | null {
    return userFrame(this.extras?.site);
  }

  /**
   * @internal Its name for reports, never assigning one: the name if set or
   * already given, else `Greenlet #N (fn)` with N its spawn order.
   */
  _reportName(): string {
    const more = this.extras;
    if (more !== null && more.customName !== null) return more.customName;
    if (more !== null && more.ident !== 0) return `Greenlet-${more.ident}`;
    const fn = typeof this.fn.name === 'string' && this.fn.name !== '' ? ` (${this.fn.name})` : '';
    return `Greenlet #${this._serial}${fn}`;
  }

  /** How a wait on this greenlet reads in reports: `join on worker`. */
  [describeWait](operation: string): string {
    return `${operation} on ${this._reportName()}`;
  }

  /** @internal Interrupt: fail every open wait, or hold the error for the next switch point. */
  _throw(error: unknown, permanent: boolean): void {
    const more = this.extras;
    const controller = more?.controller;
    if (controller) {
      if (!permanent) more!.controller = null;
      controller.abort(error);
    }
    if (this._waitHead) while (this._waitHead) this._waitHead.fail(error);
    else if (permanent || this._pending === NONE) this._pending = error; // a Timeout never displaces a pending kill
  }

  /** @internal A Timeout was cancelled: drop its undelivered throw. */
  _withdraw(error: unknown): void {
    if (this._pending === error) this._pending = NONE;
  }

  /** @internal */
  _rememberWait(w: Waiter<any>): void {
    // Code the body left running (a timer callback) waits again: follow the body's promise now.
    if (this._state === RETURNED) this.followBody(this._waitHead!.promise);
    w.ownerNext = this._waitHead;
    if (this._waitHead) this._waitHead.ownerPrev = w;
    this._waitHead = w;
  }

  /** @internal */
  _forgetWait(w: Waiter<any>): void {
    if (w.ownerPrev) w.ownerPrev.ownerNext = w.ownerNext;
    else if (this._waitHead === w) this._waitHead = w.ownerNext;
    else return;
    if (w.ownerNext) w.ownerNext.ownerPrev = w.ownerPrev;
    w.ownerPrev = w.ownerNext = null;
  }

  /**
   * @internal A wait of this greenlet ended. If it was the one its body
   * returned (state RETURNED), follow the body's promise now: it has just
   * settled, so the greenlet finishes in the same microtask turn as if its
   * promise had been followed all along.
   */
  _waitEnded(w: Waiter<any>): void {
    if (this._state === RETURNED) this.followBody(w.promise);
  }

  /** @internal It yields in a `sleep(0)` whose resume the hub has queued. */
  _yielding(): void {
    if (this._state === RUNNING) this._state = YIELDING;
  }

  /**
   * @internal That `sleep(0)` resumes (in this greenlet's context): follow
   * the body's result now if it returned meanwhile. The body is still
   * awaiting this very resume (or it would have settled no later than it),
   * so the greenlet finishes in the same microtask turn as if its result had
   * been followed all along.
   */
  _resumed(): void {
    if (this._state === YIELDING) {
      this._state = RUNNING;
    } else if (this._state === DEFERRED) {
      const result = this._result;
      this._result = undefined;
      this._state = RUNNING;
      Promise.resolve(result).then(bodyReturned, bodyThrew);
    }
  }

  private followBody(promise: Promise<unknown>): void {
    this._state = RUNNING;
    promise.then(
      (value) => this._finish(value as T, NONE),
      (error: unknown) => this._finish(undefined, error),
    );
  }

  /**
   * @internal The body's result is known: a value, or a promise. A promise
   * that is the body's only open wait (the body is one switch point) is not
   * followed until that wait ends; one returned while the greenlet yields in
   * a `sleep(0)` is followed when that resumes; any other is followed at
   * once. All with module-level handlers that find their greenlet through
   * the context they run in: no async wrapper frame and no closures per
   * greenlet.
   */
  _bodyReturned(result: unknown): void {
    if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
      const w = this._waitHead;
      if (w !== null && w.ownerNext === null && w.promise === result && this._state === RUNNING) {
        this._state = RETURNED;
      } else if (this._state === YIELDING) {
        this._state = DEFERRED;
        this._result = result;
      } else {
        Promise.resolve(result).then(bodyReturned, bodyThrew);
      }
    } else {
      this._finish(result as T, NONE);
    }
  }

  /** @internal The body returned (`error` is NONE) or threw. */
  _finish(value: T | undefined, error: unknown): void {
    reachedSwitch(this);
    const undelivered = this._pending;
    this._state = DEAD;
    this._pending = NONE;
    const more = this.extras;
    if (more) more.startTimer = null;
    const hub = getHub();
    const killed = more ? more.killedWith : NONE;
    // The kill wins when the body ended without ever seeing it (it sat in a
    // foreign await that ignored the signal, then returned or failed with that
    // promise's own error), or with the AbortError the kill caused.
    if (killed !== NONE && (undelivered === killed || causeOf(error) === killed)) error = killed;
    if (error === NONE) {
      this._result = value;
    } else {
      this._result = error;
      if (!isInstance(error, GreenletExit)) this._state = FAILED;
    }
    hub._removeLive(this);
    const failed = this._state === FAILED;
    if (failed && error instanceof LoopExit) hub._diedOfLoopExit();
    more?.joiners?.wakeAll(true);
    if (this.links) hub.schedule(fireLinks, this as Greenlet<any>);
    // Last: a replaced handleError that throws must not leave the greenlet
    // counted live, its joiners parked or its links unfired.
    if (failed) hub._report(this, error);
  }

  /**
   * @internal Run the body; the hub calls it inside the greenlet's own
   * context (see `Hub._scheduleStart`).
   */
  _run(): void {
    if (this._state !== STARTED) return;
    this._state = RUNNING;
    let result: unknown;
    try {
      result = this.fn(...this.args);
    } catch (e) {
      this._finish(undefined, e);
      return;
    }
    this._bodyReturned(result);
  }

  /**
   * While the one plain link of this greenlet fires (see `_fireLinks`), a
   * `link()` or `unlink()` its callback makes first turns it into the list
   * it stands for, being fired: the same rules as for a list then apply.
   */
  private listWhileFiring(): void {
    if (firingOne === this && typeof this.links === 'function') this.links = firing = [{ callback: this.links, kind: ALL }];
  }

  /** @internal Run the links registered before death. */
  _fireLinks(): void {
    const links = this.links;
    if (!links) return;
    // The list stays in place while it fires, so that a callback's unlink()
    // of a later link takes effect (gevent: the unlinked listener is not
    // called), and a link added meanwhile fires in this same pass.
    const outerList = firing;
    const outerOne = firingOne;
    try {
      let list: Link<any>[];
      let i = 0;
      if (typeof links === 'function') {
        // One plain link (what joinAll and wait add): fired as itself, no list
        // made unless its callback links or unlinks (see listWhileFiring).
        firing = null;
        firingOne = this;
        fireLink(this, links, ALL);
        firingOne = outerOne;
        if (typeof this.links === 'function' || this.links === null) return;
        list = this.links;
        i = 1;
      } else {
        list = firing = links;
      }
      for (; i < list.length; i++) if (!unlinked.has(list[i]!)) fireLink(this, list[i]!.callback, list[i]!.kind);
    } finally {
      firing = outerList;
      firingOne = outerOne;
      this.links = null;
    }
  }
}

/**
 * The hub's main pseudo-greenlet: what `getCurrent()` returns outside any
 * greenlet. It never dies; greenlets may wait on things from it like any other.
 */
export class MainGreenlet extends Greenlet<void, []> {
  constructor() {
    super(noop);
    this._state = RUNNING;
    this.name = 'main';
    this._takeMainIdent();
  }
}

function noop(): void {}

/** Greenlets killed before anything started them (rare: a set, not a field on every greenlet). */
const killedUnstarted = new WeakSet<Greenlet<any>>();
/** The link list being fired right now, and links unlinked while their list fires. */
let firing: Link<any>[] | null = null;
/** The greenlet whose one plain link is being fired right now (no list made for it). */
let firingOne: Greenlet<any> | null = null;
const unlinked = new WeakSet<Link<any>>();

function causeOf(error: unknown): unknown {
  try {
    return (error as { cause?: unknown } | null)?.cause;
  } catch {
    return undefined; // a revoked Proxy, a throwing getter: no cause
  }
}


function expireTimeout(w: Waiter<any>): void {
  w.fail(new Timeout(null, 'timed out waiting for the greenlet'));
}

function startNow(g: Greenlet<any>): void {
  if (g._state === STARTED) getHub()._scheduleStart(g);
}

function bodyReturned(value: unknown): void {
  context.getStore()!._finish(value, NONE);
}

function bodyThrew(error: unknown): void {
  context.getStore()!._finish(undefined, error);
}

function fireLinks(g: Greenlet<any>): void {
  g._fireLinks();
}

function fireLink(g: Greenlet<any>, callback: LinkCallback<any>, kind: number): void {
  if (kind === ON_VALUE && !g.successful()) return;
  if (kind === ON_EXCEPTION && g.successful()) return;
  try {
    const result = callback(g) as { then?: unknown } | undefined;
    if (result && typeof result.then === 'function') {
      (result as Promise<unknown>).then(undefined, (e) => getHub()._report(null, e));
    }
  } catch (e) {
    getHub()._report(null, e);
  }
}

/**
 * Create and start a greenlet running `fn(...args)` on the hub's next turn.
 *
 * @example
 * const g = spawn(async (url: string) => (await fetch(url)).status, 'http://localhost:8080');
 * console.log(await g.get());
 */
export const spawn: <T, A extends unknown[]>(fn: (...args: A) => T | PromiseLike<T>, ...args: A) => Greenlet<Awaited<T>, A> =
  Greenlet.spawn; // the same function: no second call, no second `arguments`

/**
 * Create a greenlet that starts after `seconds`.
 *
 * @example
 * const g = spawnLater(1.5, reminder, 'stand up');
 */
export function spawnLater<T, A extends unknown[]>(
  seconds: number,
  fn: (...args: A) => T | PromiseLike<T>,
  ...args: A
): Greenlet<Awaited<T>, A> {
  checkSeconds(seconds, 'seconds');
  const g = new Greenlet(fn as (...args: A) => Awaited<T>, ...args);
  g.startLater(seconds);
  return g;
}
