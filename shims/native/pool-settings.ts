/**
 * How native threads reuse their workers (see `thread-pool`): how many
 * ended threads' workers are kept warm, and for how long. The loader reads
 * `GREEN_NATIVE_POOL` and `GREEN_NATIVE_POOL_IDLE_MS` once at startup and
 * hands them over here ({@link setPoolSettings}); a native thread gets its
 * creator's settings through `workerData`. Without the loader the defaults
 * apply (or call {@link setPoolSettings} yourself).
 *
 * @module
 */

/**
 * The warm pool's bounds.
 *
 * @example
 * const settings: PoolSettings = { size: 16, idleMs: 5000 };
 */
export interface PoolSettings {
  /** Most idle workers kept at once (per creating thread); 0 turns reuse off. */
  readonly size: number;
  /** An idle worker that no thread took within this many milliseconds is ended. */
  readonly idleMs: number;
}

/**
 * The defaults: 16 idle workers, each kept 5 s.
 *
 * @example
 * setPoolSettings(DEFAULT_POOL_SETTINGS);
 */
export const DEFAULT_POOL_SETTINGS: PoolSettings = Object.freeze({ size: 16, idleMs: 5000 });

// On globalThis (per thread): the preload sets it from its combined copy of this module.
const KEY = Symbol.for('green-loader.native-pool');
const state = globalThis as { [KEY]?: PoolSettings };

/**
 * Set the warm pool's bounds for threads started from now on.
 *
 * @example
 * setPoolSettings({ size: 0, idleMs: 5000 }); // every thread boots a new worker
 */
export function setPoolSettings(value: PoolSettings): void {
  state[KEY] = Object.freeze({ size: value.size, idleMs: value.idleMs });
}

/**
 * The warm pool's current bounds.
 *
 * @example
 * if (poolSettings().size === 0) console.log('reuse is off');
 */
export function poolSettings(): PoolSettings {
  return state[KEY] ?? DEFAULT_POOL_SETTINGS;
}
