/**
 * The `time` facade: what `import … from 'time'` resolves to under the
 * loader, and what `green-loader/time` is.
 *
 * Every export is an `export let` live binding that starts as the native
 * implementation (`sleep` blocks the OS thread, like Python's) and is
 * reassigned only here, through the facade registry, when monkey patching
 * swaps in the green one (`sleep` yields to the hub).
 *
 * @example
 * import { sleep, monotonic } from 'green-loader/time';
 * const t0 = monotonic(); await sleep(0.1);
 *
 * @module
 */
import * as native from './native/time.js';
import { registerFacade } from './shared/live-facades.js';

/** Pause the caller for `seconds`. @example await sleep(0.5); */
export let sleep = native.sleep;
/** Seconds since the epoch, as a float. @example time(); */
export let time = native.time;
/** A clock that never goes back, in seconds. @example monotonic(); */
export let monotonic = native.monotonic;
/** The highest-resolution clock, in seconds. @example perf_counter(); */
export let perf_counter = native.perf_counter;
/** Nanoseconds since the epoch. @example time_ns(); */
export let time_ns = native.time_ns;

registerFacade('time', { sleep, time, monotonic, perf_counter, time_ns }, (attr, value: any) => {
  switch (attr) {
    case 'sleep': sleep = value; break;
    case 'time': time = value; break;
    case 'monotonic': monotonic = value; break;
    case 'perf_counter': perf_counter = value; break;
    case 'time_ns': time_ns = value; break;
  }
});
