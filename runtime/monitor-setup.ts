/**
 * What the blocking monitor's thread and its watchdog worker share: the
 * setup passed as `workerData`, and the key of the probe the worker
 * evaluates in the paused thread. Its own module so the worker loads this,
 * not the runtime.
 *
 * @module
 */

/**
 * The `Symbol.for` key of the function, set on `globalThis` while a monitor
 * runs, that names the running greenlet (JSON text, or null outside any greenlet).
 *
 * @example
 * globalThis[Symbol.for(PROBE)] = probe;
 */
export const PROBE = 'green-loader.monitor.probe';

/** The worker's `workerData`: the heartbeat and the timing, in seconds. */
export interface MonitorSetup {
  /** An Int32Array's buffer whose element 0 the watched thread bumps every `period`. */
  beats: SharedArrayBuffer;
  maxBlockingTime: number;
  period: number;
}
