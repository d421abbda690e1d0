/**
 * Settings handed to the runtime at startup by whoever read the environment.
 *
 * The runtime reads no environment variable itself: green-loader reads them
 * all in one place (the loader's configuration) and the preload passes the
 * runtime's share here, before the app's first line. The record lives on
 * `globalThis` under a `Symbol.for` key so that two copies of the package see
 * the same settings (the combined files' runner, written by
 * build/bundle-green.mjs, reads `codeCache` and `debug` from there too).
 * Without the loader, use the runtime's own API instead
 * (`getHub().captureSpawnSites = true`).
 *
 * @module
 */

/**
 * What the runtime takes from the startup configuration.
 *
 * @example
 * const settings: RuntimeSettings = { spawnSites: true };
 */
export interface RuntimeSettings {
  /** Greenlets record their spawn site (GREEN_SPAWN_SITES). */
  readonly spawnSites?: boolean;
  /**
   * The directory where the package's combined files keep V8's code cache
   * of their code (GREEN_CODE_CACHE); absent: none. Read when a combined
   * file loads, so it must be provided before the first import of the
   * runtime or a shim.
   */
  readonly codeCache?: string;
  /** The combined files print their code-cache state on stderr (GREEN_DEBUG). */
  readonly debug?: boolean;
}

/**
 * The `Symbol.for` name the settings record lives under: what a native
 * thread's bootstrap fills in before any module of the runtime loads there.
 *
 * @example
 * globalThis[Symbol.for(RUNTIME_SETTINGS_KEY)] = settings;
 */
export const RUNTIME_SETTINGS_KEY = 'green-loader.runtime-settings';
const KEY = Symbol.for(RUNTIME_SETTINGS_KEY);
type Holder = { [KEY]?: RuntimeSettings };

/**
 * The settings provided so far (an empty record when none were).
 *
 * @example
 * if (runtimeSettings().spawnSites) captureSite();
 */
export function runtimeSettings(): RuntimeSettings {
  return (globalThis as Holder)[KEY] ?? {};
}

/**
 * Provide settings (merged over earlier ones). Call before the hub exists:
 * the hub reads them when it is created.
 *
 * @example
 * provideRuntimeSettings({ spawnSites: config.spawnSites });
 */
export function provideRuntimeSettings(settings: RuntimeSettings): void {
  (globalThis as Holder)[KEY] = { ...runtimeSettings(), ...settings };
}
