/**
 * Which module installs the loader's hooks in a native thread: set by the
 * loader at startup, read when a thread starts (spawn-worker). Kept apart
 * from spawn-worker so the preload can set it without loading the native
 * thread machinery (`node:worker_threads` alone costs a `node` that never
 * starts a thread several milliseconds).
 *
 * @module
 */

// On globalThis (per thread): the preload sets it from its combined copy of this module.
const KEY = Symbol.for('green-loader.worker-hooks');
const state = globalThis as { [KEY]?: string | null };

/**
 * Under the loader: the module that installs its hooks in each native
 * thread (the loader calls this; `null` outside the loader).
 *
 * @example
 * setWorkerHooks(new URL('./worker-hooks.js', import.meta.url).href);
 */
export function setWorkerHooks(url: string | null): void {
  state[KEY] = url;
}

/**
 * The URL {@link setWorkerHooks} set, or `null`.
 *
 * @example
 * const setup = { debug: nativeDebugEnabled(), hooks: workerHooks() };
 */
export function workerHooks(): string | null {
  return state[KEY] ?? null;
}
