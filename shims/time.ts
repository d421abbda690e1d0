/**
 * The `time` facade: what `import … from 'time'` resolves to under the
 * loader, and what `green-loader/time` is.
 *
 * Every export is an `export let` live binding that starts as the native
 * implementation (`sleep` blocks the OS thread, like Python's) and is
 * reassigned only here, through the facade registry, when monkey patching
 * swaps in the green one (`sleep` yields to the hub).
 *
 * The native implementation is loaded only when a value of it is needed: a
 * facade whose patch is pending (the preload's GREEN_PATCH) comes up green
 * and never loads it unless an original is asked for (`getOriginal`,
 * `saved`, `unpatch`); see shims/shared/live-facades.ts.
 *
 * @example
 * import { sleep, monotonic } from 'green-loader/time';
 * const t0 = monotonic(); await sleep(0.1);
 *
 * @module
 */
import type * as native from './native/time.js';
import { nativeExports, registerFacade } from './shared/live-facades.js';

/** Pause the caller for `seconds`. @example await sleep(0.5); */
export let sleep: typeof native.sleep;
/** Seconds since the epoch, as a float. @example time(); */
export let time: typeof native.time;
/** A clock that never goes back, in seconds. @example monotonic(); */
export let monotonic: typeof native.monotonic;
/** The highest-resolution clock, in seconds. @example perf_counter(); */
export let perf_counter: typeof native.perf_counter;
/** Nanoseconds since the epoch. @example time_ns(); */
export let time_ns: typeof native.time_ns;

registerFacade(
  'time',
  nativeExports(import.meta.url, './native/time.js', ['sleep', 'time', 'monotonic', 'perf_counter', 'time_ns']),
  (attr, value: any) => {
    switch (attr) {
      case 'sleep': sleep = value; break;
      case 'time': time = value; break;
      case 'monotonic': monotonic = value; break;
      case 'perf_counter': perf_counter = value; break;
      case 'time_ns': time_ns = value; break;
    }
  },
);
