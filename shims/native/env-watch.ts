/**
 * Whether a native thread changed its worker's environment, known without
 * reading the environment: the first module a thread's worker runs puts a
 * Proxy over the worker's own `process.env` (a copy of its creator's, see
 * Node's `Worker` `env` option) that notes every write, delete and
 * definition and passes it on unchanged. A warm worker (see `thread-pool`)
 * asks {@link envChanged} once its thread ended: reading the whole
 * environment twice per thread, as before, cost about 45 µs each time
 * (every variable is a call into C++).
 *
 * Changes count from {@link watchEnv} on (after the worker's preloads).
 * Code that could hold the real object from before the Proxy — a
 * `--require` preload, which a worker runs before its first module — could
 * write around it; with a `--require` preload the worker compares the
 * environment's text against the one taken here instead (one read per
 * thread). Replacing `process.env` itself counts as a change.
 *
 * @module
 */
import { hasRequirePreload } from './worker-options.js';

const real = process.env;
let written = false;
const note = (): void => void (written = true);

/** Passes everything on to the real environment; notes each change. */
const watched = new Proxy(real, {
  set(target, key, value) {
    note();
    return Reflect.set(target, key, value);
  },
  deleteProperty(target, key) {
    note();
    return Reflect.deleteProperty(target, key);
  },
  defineProperty(target, key, descriptor) {
    note();
    return Reflect.defineProperty(target, key, descriptor);
  },
});
process.env = watched;

/** Whether writes could bypass the Proxy. */
const bypassable = hasRequirePreload(process.execArgv, real.NODE_OPTIONS ?? '');
/** The environment's text when the watch began, where writes could bypass the Proxy; else `null`. */
let text: string | null = null;

/**
 * Count changes from now on: the worker's runner calls it once, before
 * its first thread, so that what its preloads set (a `dotenv` import)
 * is part of the environment a thread starts with, not a change.
 *
 * @example
 * watchEnv(); // then run threads, asking envChanged() after each
 */
export function watchEnv(): void {
  written = false;
  text = bypassable ? JSON.stringify(real) : null;
}

/**
 * Whether this worker's environment may differ from the one its first
 * thread started with (a thread wrote to it, or replaced `process.env`).
 *
 * @example
 * if (envChanged()) return false; // the worker is not reused
 */
export function envChanged(): boolean {
  if (written || process.env !== watched) return true;
  return text !== null && JSON.stringify(real) !== text;
}
