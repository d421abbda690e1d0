/**
 * The hub: one per thread, it runs ready greenlets and callbacks, keeps the
 * set of live greenlets, reports their errors and explains a deadlock.
 *
 * Why a queue of its own: resuming a greenlet through one event-loop turn per
 * yield (`setImmediate`) costs microseconds. The hub instead drains its FIFO
 * ready queue from a microtask, so a `sleep(0)` costs a few promise jobs. To
 * keep timers and I/O alive it counts its work and, once a run of microtask
 * turns has lasted `switchInterval` seconds, hands the next run to
 * `setImmediate` so the event loop polls in between (gevent's switch interval).
 *
 * LoopExit: when the process is about to exit (`beforeExit`: nothing left that
 * could wake anyone) while greenlets still wait, their waits reject with a
 * {@link LoopExit} naming who waits on what, in spawn order, instead of a
 * silent exit; a greenlet that dies of it makes the exit code 1 (see
 * {@link Hub._diedOfLoopExit}). Only the lines printed are built: a million
 * blocked greenlets cost one walk of the live list, not a million strings.
 * Greenlets with `keepAlive = false` (daemon threads) are abandoned silently
 * instead; while a greenlet that keeps the process alive still waits, their
 * unref'd sleep timers are ref'd again so they can still wake it.
 *
 * @module
 */
import { runtimeSettings } from './settings.js';
import { nowMs } from './clock.js';
import { GreenletExit, InvalidState, LoopExit } from './errors.js';
import { context } from './current.js';
import { MainGreenlet, type Greenlet } from './greenlet.js';
import { ReadyQueue } from './ready-queue.js';
import { collectRunInfo, type GreenletInfo, type RunInfoOptions } from './run-info.js';
import { NONE, park, recordWaitSites, WaitList, type Waiter } from './waiter.js';
import { describeThrown, isInstance } from './describe-thrown.js';
import { checkBoolean, checkRequiredSeconds, checkSeconds } from './validate.js';

/** A callback the hub runs with one argument: no closure per call. */
export type HubCallback<A> = (arg: A) => void;

const CHECK_EVERY = 64;
const LOOP_EXIT_LINES = 20;

/**
 * The per-thread scheduler. Get it with {@link getHub}.
 *
 * @example
 * const hub = getHub();
 * hub.printExceptions = false;           // silence failure reports
 * await hub.join();                      // wait until no greenlet is left
 */
export class Hub {
  /** The pseudo-greenlet that `getCurrent()` returns outside any greenlet. */
  readonly main: Greenlet;
  /** Print greenlet failures to stderr (default true). */
  printExceptions = true;
  /**
   * Record where each greenlet is spawned and where each wait begins, for
   * failure reports, LoopExit and run info. Off by default: a stack capture
   * costs 2–3 µs per spawn or wait on Node 20, more than the whole rest of a
   * spawn. Reports then say which greenlet spawned the failed one. Turn on
   * by assignment, or with `GREEN_SPAWN_SITES=1` under the loader (which hands
   * it over through the startup settings) (waits begun before are not located).
   */
  get captureSpawnSites(): boolean {
    return this.sites;
  }
  set captureSpawnSites(on: boolean) {
    checkBoolean(on, 'captureSpawnSites');
    this.sites = on;
    recordWaitSites(on);
  }
  /**
   * Seconds of back-to-back hub work after which the event loop gets a turn
   * (default 0.002). A finite number >= 0; anything else is refused, since a
   * NaN budget would never run out and timers would never fire.
   */
  get switchInterval(): number {
    return this.interval;
  }
  set switchInterval(seconds: number) {
    checkRequiredSeconds(seconds, 'switchInterval');
    this.interval = seconds;
  }

  private interval = 0.002;

  private readonly ready = new ReadyQueue<HubCallback<any>>();
  /** Callbacks ever queued: tells a `sleep(0)` whether anything was queued since the last yield point. */
  private appended = 0;
  private scheduled = false;
  /** A greenlet's context was entered by a start in this run and not yet left. */
  private entered = false;
  private point: Promise<void> | null = null;
  private pointStamp = -1;
  private pointResolve: (() => void) | null = null;
  private chainStart = -1;
  private markerPending = false;
  private opsSinceCheck = 0;
  private sites = false;
  private liveHead: Greenlet | null = null;
  private liveTail: Greenlet | null = null;
  private liveCount = 0;
  private spawned = 0;
  private joiners: WaitList | null = null;
  private lastLoopExit: LoopExit | null = null;

  constructor() {
    this.main = new MainGreenlet();
    this.captureSpawnSites = runtimeSettings().spawnSites === true;
    process.on('beforeExit', () => this.explainDeadlock());
  }

  /** Greenlets started and not yet dead. */
  get liveGreenlets(): number {
    return this.liveCount;
  }

  /**
   * Queue `fn(arg)` to run on the hub's next turn, FIFO.
   *
   * @example
   * getHub().schedule(console.log, 'later');
   */
  schedule<A>(fn: HubCallback<A>, arg: A): void {
    this.ready.push(fn, arg);
    this.appended++;
    if (!this.scheduled) this.requestRun();
  }

  /**
   * @internal Queue the start of greenlet `g`: the hub runs `g._run()` inside
   * g's own context. Each start enters its greenlet's context with
   * `enterWith` (one context frame on Node 24; `run()` would build a second
   * one to restore the previous); the hub's own context comes back once,
   * before the next other callback, instead of after every start.
   */
  _scheduleStart(g: Greenlet): void {
    this.schedule(startGreenlet, g);
  }

  /**
   * @internal What a `sleep(0)` awaits while other work is queued: a promise
   * that resolves when the hub reaches the end of its queue as it is now.
   * Sleepers that yield with nothing queued in between share one promise and
   * one queue entry: they would have been woken one after another anyway.
   */
  _yieldPoint(): Promise<void> {
    if (this.point === null || this.pointStamp !== this.appended) {
      this.point = new Promise<void>((resolve) => (this.pointResolve = resolve));
      this.schedule(releasePoint, this);
      this.pointStamp = this.appended;
    }
    return this.point;
  }

  /** @internal The shared yield point was reached: resolve it; later sleepers get a new one. */
  _releasePoint(): void {
    const resolve = this.pointResolve!;
    this.point = this.pointResolve = null;
    resolve();
  }

  /**
   * Report an error that ended a greenlet (or a hub callback, with `greenlet`
   * null). Prints it once to stderr unless `printExceptions` is false.
   * Replace it by assignment to route errors elsewhere.
   *
   * @example
   * getHub().handleError = (g, err) => logger.error({ greenlet: g?.name, err });
   */
  handleError(greenlet: Greenlet | null, error: unknown): void {
    if (!this.printExceptions || isInstance(error, GreenletExit)) return;
    const loopExit = isInstance(error, LoopExit);
    if (loopExit) {
      if (error === this.lastLoopExit) return;
      this.lastLoopExit = error as LoopExit;
    }
    // A LoopExit's stack is the hub's own beforeExit handler: its message is
    // what explains. Anything else may be any value at all: described safely.
    const { text, kind } = loopExit ? { text: `LoopExit: ${(error as LoopExit).message}`, kind: 'LoopExit' } : describeThrown(error);
    const who = greenlet ? `${greenlet._reportName()}${greenlet._spawnSite()}` : loopExit ? 'The program' : 'A hub callback';
    process.stderr.write(`${text}\n${who} failed with ${kind}\n\n`);
  }

  /**
   * @internal Report through `handleError`. A replaced handler that throws
   * must not stall the hub nor drop what comes next: its own error is never
   * fed back to it, but raised on its own as an unhandled rejection (the
   * app's `unhandledRejection`/`uncaughtException` handler, or a crash).
   */
  _report(greenlet: Greenlet | null, error: unknown): void {
    try {
      this.handleError(greenlet, error);
    } catch (broken) {
      void Promise.reject(broken);
    }
  }

  /**
   * Wait until no greenlet is left. Resolves true, or false on timeout. Like
   * gevent, a LoopExit (nothing can make progress) counts as done: true.
   *
   * @example
   * spawn(work); spawn(work);
   * await getHub().join();
   */
  join(timeout?: number | null): Promise<boolean> {
    checkSeconds(timeout, 'timeout');
    if (this.liveCount === 0) return Promise.resolve(true);
    if (context.getStore()) {
      return Promise.reject(new InvalidState('hub.join() waits for every greenlet, its caller included: call it outside any greenlet'));
    }
    const w = park<boolean>((this.joiners ??= new WaitList()), this, 'Hub.join', timeout, expireFalse);
    w.exitValue = true;
    return w.promise;
  }

  /**
   * Every live greenlet, oldest first (after main, when main waits): name,
   * state, spawner, open waits, and spawn and wait sites when recorded — as
   * data; `limit` keeps the oldest few. Format it with
   * {@link formatRunInfo}; print it from outside with {@link installRunInfoSignal}.
   *
   * @example
   * for (const g of getHub().runInfo()) if (g.state === 'waiting') console.log(g.name, g.waits[0]?.on);
   */
  runInfo(options?: RunInfoOptions): GreenletInfo[] {
    return collectRunInfo(this.main, this.liveTail, options);
  }

  /** @internal A greenlet started running. */
  _addLive(g: Greenlet): void {
    g._serial = ++this.spawned;
    g._liveNext = this.liveHead;
    if (this.liveHead) this.liveHead._livePrev = g;
    else this.liveTail = g;
    this.liveHead = g;
    this.liveCount++;
  }

  /** @internal A greenlet died. */
  _removeLive(g: Greenlet): void {
    if (g._livePrev) g._livePrev._liveNext = g._liveNext;
    else if (this.liveHead === g) this.liveHead = g._liveNext;
    else return;
    if (g._liveNext) g._liveNext._livePrev = g._livePrev;
    else this.liveTail = g._livePrev;
    g._livePrev = g._liveNext = null;
    if (--this.liveCount === 0 && this.joiners) this.joiners.wakeAll(true);
  }

  /**
   * @internal May a `sleep(0)` yield through the microtask queue alone? Yes
   * when nothing waits in the ready queue (so FIFO order holds: whatever is
   * runnable sits in the microtask queue ahead of the caller) and the current
   * run of back-to-back work is within its budget. Saves a waiter, a promise
   * and a hub run per yield.
   */
  _mayYieldInline(): boolean {
    if (this.ready.length > 0 || this.scheduled) return false;
    if (!this.overBudget()) return true;
    this.yieldToEventLoop();
    return false;
  }

  private requestRun(): void {
    this.scheduled = true;
    queueMicrotask(this.run);
  }

  /**
   * True once the current chain of work (since the event loop last had a
   * turn) has lasted `switchInterval`. Reads the clock once per CHECK_EVERY calls.
   */
  private overBudget(): boolean {
    if (this.chainStart < 0) {
      this.chainStart = nowMs();
      if (!this.markerPending) {
        this.markerPending = true;
        setImmediate(this.marker);
      }
      return false;
    }
    if (++this.opsSinceCheck < CHECK_EVERY) return false;
    this.opsSinceCheck = 0;
    return nowMs() - this.chainStart > this.switchInterval * 1000;
  }

  /**
   * Run next from setImmediate, so timers and I/O get their turn first. Done
   * even when the queue is empty right now: a greenlet just woken re-schedules
   * itself from a microtask, and a microtask run would starve the event loop.
   */
  private yieldToEventLoop(): void {
    this.chainStart = -1;
    this.scheduled = true;
    setImmediate(this.run);
  }

  /** Runs once per event-loop turn: a new turn starts a new chain of work. */
  private readonly marker = (): void => {
    this.markerPending = false;
    this.chainStart = -1;
  };

  /**
   * Runs whatever callbacks are ready, outside any greenlet's context: the
   * microtask that calls it carries the context of whoever scheduled it.
   * (`context.run` costs a property write; `context.exit` would toggle
   * Node 20's promise hooks off and on.)
   */
  private readonly run = (): void => {
    context.run(undefined as unknown as Greenlet, this.runReady);
  };

  private readonly runReady = (): void => {
    this.scheduled = false;
    const ready = this.ready;
    let n = ready.length;
    while (n-- > 0) {
      const fn = ready.firstFn();
      const arg = ready.firstArg();
      ready.dropFirst();
      try {
        if (fn === startGreenlet) {
          this.entered = true;
          context.enterWith(arg as Greenlet);
          (arg as Greenlet)._run();
        } else {
          if (this.entered) this.leaveGreenlet();
          fn(arg);
        }
      } catch (error) {
        this._report(null, error);
      }
      if (this.overBudget()) {
        if (this.entered) this.leaveGreenlet();
        this.yieldToEventLoop();
        return;
      }
    }
    if (this.entered) this.leaveGreenlet();
    if (ready.length > 0 && !this.scheduled) this.requestRun();
  };

  /** Back to the hub's own (empty) context after greenlet starts (see `_scheduleStart`). */
  private leaveGreenlet(): void {
    this.entered = false;
    context.enterWith(undefined as unknown as Greenlet);
  }

  /**
   * @internal A greenlet died of the deadlock's LoopExit (it did not catch it):
   * the process exits with code 1, unless the program set a code of its own.
   * Python would hang on such a deadlock; an exit code of 0 would hide it from CI.
   */
  _diedOfLoopExit(): void {
    if (!process.exitCode) process.exitCode = 1;
  }

  /**
   * On `beforeExit`: fail the waits nothing can wake, greenlets first, oldest
   * first. Two walks of the live list, no array of them: the first describes
   * the few that are printed and counts the rest, the second fails them.
   */
  private explainDeadlock(): void {
    // A daemon's pending sleep may still wake a greenlet that keeps the
    // process alive (or main): keep the loop for it.
    let daemonTimers: NonNullable<Waiter<any>['timer']>[] | null = null;
    let others = this.main._waitHead !== null;
    for (let g = this.liveTail; g; g = g._livePrev) {
      if (g.keepAlive) others = true;
      else for (let w: Waiter<any> | null = g._waitHead; w; w = w.ownerNext) if (w.timer && !w.timer.hasRef()) (daemonTimers ??= []).push(w.timer);
    }
    if (others && daemonTimers) {
      for (const timer of daemonTimers) timer.ref();
      return;
    }
    const report = new DeadlockReport();
    for (let g = this.liveTail; g; g = g._livePrev) {
      if (g.keepAlive) for (let w = g._waitHead; w; w = w.ownerNext) report.addWait(w);
    }
    const greenletsWait = report.waits > 0;
    if (greenletsWait) {
      for (let g = this.liveTail; g; g = g._livePrev) if (g.keepAlive && !g._waitHead) report.addIdle(g);
    } else {
      for (let w = this.main._waitHead; w; w = w.ownerNext) report.addWait(w);
      if (report.waits === 0) return;
      for (let g = this.liveTail; g; g = g._livePrev) if (g.keepAlive) report.addIdle(g);
    }
    const error = new LoopExit(report.message(this.sites));
    let unexplained = false;
    const end = (w: Waiter<any>): void => {
      if (w.exitValue === NONE) w.fail(error);
      else if (w.wake(w.exitValue) && w.on !== this && w.on !== this.main && w.on !== null) unexplained = true;
    };
    // Settling a wait unlinks it from its owner: take the head until none is left.
    if (greenletsWait) {
      for (let g = this.liveTail; g; g = g._livePrev) if (g.keepAlive) while (g._waitHead) end(g._waitHead);
    } else {
      while (this.main._waitHead) end(this.main._waitHead);
    }
    // hub.join(), wait() and a join of main end at exit by design; a join of a
    // stuck greenlet or group ends quietly (false) too, but deserves the explanation.
    if (unexplained) {
      this._report(null, error);
      this._diedOfLoopExit();
    }
    // Failing waits queues only microtasks, after which Node would not emit
    // beforeExit again: keep the loop for one more turn so main's waits, which
    // the failed greenlets may or may not still wake, are checked too.
    if (this.main._waitHead) setImmediate(noop);
  }
}

function noop(): void {}

/** The callback of a greenlet start; `runReady` recognizes it and enters the greenlet's context first. */
function startGreenlet(g: Greenlet): void {
  g._run();
}

function releasePoint(hub: Hub): void {
  hub._releasePoint();
}

function expireFalse(w: Waiter<any>): void {
  w.wake(false);
}

/** The LoopExit message, built as the waits are counted: only the lines shown. */
class DeadlockReport {
  waits = 0;
  private readonly lines: string[] = [];
  private hidden = 0;
  private located = false;

  addWait(w: Waiter<any>): void {
    this.waits++;
    if (this.lines.length === LOOP_EXIT_LINES) {
      this.hidden++;
      return;
    }
    const site = w.site();
    if (site) this.located = true;
    this.lines.push(`  ${w.owner._reportName()} waits in ${w.describe()}${site ? ` at ${site}` : ''}`);
  }

  addIdle(g: Greenlet): void {
    if (this.lines.length === LOOP_EXIT_LINES) {
      this.hidden++;
      return;
    }
    this.lines.push(`  ${g._reportName()} awaits a promise outside any switch point (nothing wakes it; use waitFor)`);
  }

  message(sitesOn: boolean): string {
    const lines = this.lines.slice();
    if (this.hidden > 0) lines.push(`  … and ${this.hidden} more`);
    if (!sitesOn && !this.located) lines.push('  (GREEN_SPAWN_SITES=1 shows where each waits)');
    return `This operation would block forever: nothing is left that could wake these waits\n${lines.join('\n')}`;
  }
}

let hub: Hub | undefined;

/** @internal The hub if it exists yet (while the hub builds its main greenlet, it does not). */
export function peekHub(): Hub | undefined {
  return hub;
}

/**
 * The hub of this thread, created on first use.
 *
 * @example
 * getHub().printExceptions = false;
 */
export function getHub(): Hub {
  return (hub ??= new Hub());
}
