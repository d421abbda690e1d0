/**
 * The blocking monitor (gevent's monitor thread and `max_blocking_time`): an
 * opt-in watchdog that notices when this thread's event loop — and so its
 * hub — has not turned for longer than `maxBlockingTime`, and reports which
 * greenlet was running, with its stack.
 *
 * How: while the monitor runs, an unref'd interval timer of this thread
 * bumps a counter in a SharedArrayBuffer every quarter of `maxBlockingTime`
 * (at most every 250 ms): that timer is the whole cost on this thread. A
 * worker thread (monitor-worker.ts) watches the counter; once it has not
 * moved for `maxBlockingTime` plus two periods, the worker attaches
 * `inspector.Session.connectToMainThread()` (Node ≥ 12.11), pauses this
 * thread in whatever JavaScript it is running, reads the stack and the
 * running greenlet (evaluated in the paused frame, so the greenlet's
 * AsyncLocalStorage context is the one that blocks), resumes it and
 * detaches. The report is written straight to file descriptor 2 by the
 * worker — this thread's `process.stderr` would wait for the block to end.
 * When the loop turns again the worker says how long it was blocked.
 *
 * Off by default, and then it costs nothing: no timer, no worker, no
 * inspector, no work per switch.
 *
 * @module
 */
import { builtin } from './builtin.js';
import { getCurrent } from './current.js';
import { InvalidState } from './errors.js';
import { getHub } from './hub.js';
import { PROBE, type MonitorSetup } from './monitor-setup.js';
import { isMainThread } from './this-thread.js';
import { checkOptions, checkSeconds } from './validate.js';

/** Options of {@link startMonitor}. */
export interface MonitorOptions {
  /** Seconds the event loop may stay blocked before a report (gevent's `max_blocking_time`; default 0.1). */
  maxBlockingTime?: number;
}

/** A running blocking monitor. */
export interface Monitor {
  /** The threshold in seconds. */
  readonly maxBlockingTime: number;
  /** Stop watching: the timer and the worker are gone once it resolves. */
  stop(): Promise<void>;
}

let running: Monitor | null = null;

/** What the paused thread says about its running greenlet: JSON text, or null outside any greenlet. */
function probe(): string | null {
  const g = getCurrent();
  if (g === getHub().main) return null;
  return JSON.stringify({ name: g._reportName(), spawnSite: g._spawnFrame() });
}

/**
 * Start the blocking monitor of the main thread (InvalidState in a worker
 * thread: the inspector pauses only the main thread from a worker). One at a
 * time: starting a second one while one runs throws InvalidState. Reports go to stderr;
 * within about 1.5 × `maxBlockingTime` of the block's start (the heartbeat's
 * granularity), and only while the block lasts — a stack is taken only if
 * the thread is still blocked when the inspector reaches it. A thread
 * blocked in native code (a synchronous `fs` call, `Atomics.wait`) is
 * paused, and its stack read, once it is back in JavaScript.
 *
 * @example
 * const monitor = startMonitor({ maxBlockingTime: 0.1 });
 * // … later:
 * await monitor.stop();
 */
export function startMonitor(options?: MonitorOptions): Monitor {
  checkOptions(options, 'options');
  const maxBlockingTime = options?.maxBlockingTime ?? 0.1;
  checkSeconds(maxBlockingTime, 'options.maxBlockingTime');
  if (!(maxBlockingTime > 0)) throw new RangeError(`options.maxBlockingTime must be a number of seconds > 0, got ${maxBlockingTime}`);
  // The inspector can pause only the main thread from a worker (connectToMainThread).
  if (!isMainThread()) throw new InvalidState('the blocking monitor watches the main thread: start it there');
  if (running) throw new InvalidState(`a blocking monitor already runs (maxBlockingTime ${running.maxBlockingTime}): stop() it first`);
  const period = Math.min(Math.max(maxBlockingTime / 4, 0.005), 0.25);
  const beats = new SharedArrayBuffer(4);
  const counter = new Int32Array(beats);
  const timer = setInterval(() => Atomics.add(counter, 0, 1), period * 1000);
  timer.unref();
  const setup: MonitorSetup = { beats, maxBlockingTime, period };
  // No execArgv and no NODE_OPTIONS: the loader (or any --import) stays out of the watchdog.
  // node:worker_threads on use: its ES view costs every importer of green-loader/runtime ~12 M instructions at startup.
  const worker = new (builtin('node:worker_threads').Worker)(new URL('./monitor-worker.js', import.meta.url), { workerData: setup, execArgv: [], env: { ...process.env, NODE_OPTIONS: '' } });
  worker.unref();
  // A watchdog that cannot watch says so once; it never takes the program down.
  worker.on('error', (error) => process.stderr.write(`green-loader monitor stopped: ${String((error as Error)?.message ?? error)}\n`));
  const globals = globalThis as Record<symbol, unknown>;
  globals[Symbol.for(PROBE)] = probe;
  let stopped: Promise<void> | null = null;
  const monitor: Monitor = {
    maxBlockingTime,
    stop() {
      if (stopped) return stopped;
      clearInterval(timer);
      if (running === monitor) {
        running = null;
        delete globals[Symbol.for(PROBE)];
      }
      stopped = worker.terminate().then(noop);
      return stopped;
    },
  };
  running = monitor;
  return monitor;
}

function noop(): void {}
