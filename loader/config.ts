/**
 * The one place where green-loader reads its environment variables, once at
 * startup (so they work through NODE_OPTIONS in a container): which shim
 * groups to patch (`GREEN_PATCH`), whether to print decisions
 * (`GREEN_DEBUG`), whether the hub records spawn sites
 * (`GREEN_SPAWN_SITES`), how native threads reuse their workers
 * (`GREEN_NATIVE_POOL`, `GREEN_NATIVE_POOL_IDLE_MS`), and where V8's code
 * cache of the package's combined files goes (`GREEN_CODE_CACHE`). Pure parsing: the preload decides what to do with a
 * {@link ConfigError} and hands the runtime its settings.
 *
 * @module
 */
import { GreenError, named } from '../runtime/errors.js';
import { DEFAULT_POOL_SETTINGS, type PoolSettings } from '../shims/native/pool-settings.js';
import { PATCH_GROUPS } from '../shims/registry.js';
import { codeCacheChoice } from './code-cache-config.js';

/**
 * Which patch groups to patch, by group name (the shim table's groups:
 * `thread`, `time`).
 *
 * @example
 * const choice: PatchChoice = { thread: true, time: false };
 */
export type PatchChoice = Record<string, boolean>;

/**
 * Everything the preload needs to know.
 *
 * @example
 * const { patch, debug, spawnSites } = readConfig(process.env);
 */
export interface LoaderConfig {
  /** `GREEN_PATCH`, resolved per group. */
  patch: PatchChoice;
  /** `GREEN_DEBUG`: one stderr line per patch and redirect decision. */
  debug: boolean;
  /** `GREEN_SPAWN_SITES`: greenlets record where they were spawned (costs a stack trace per spawn). */
  spawnSites: boolean;
  /** `GREEN_RUN_INFO`: the signal that prints run info (`null`: off). */
  runInfoSignal: NodeJS.Signals | null;
  /** `GREEN_MONITOR`: the blocking monitor's threshold in seconds (`null`: off). */
  monitor: number | null;
  /** `GREEN_NATIVE_POOL` / `GREEN_NATIVE_POOL_IDLE_MS`: warm workers for native threads. */
  nativePool: PoolSettings;
  /** `GREEN_CODE_CACHE`: the code cache's directory, `null` for none. */
  codeCache: string | null;
}

/**
 * The names `GREEN_PATCH` accepts: the shim table's groups, `all` and
 * `none`; each but `none` may be prefixed with `-`.
 *
 * @example
 * PATCH_NAMES; // ['thread', 'time', 'all', 'none']
 */
export const PATCH_NAMES: readonly string[] = Object.freeze([...PATCH_GROUPS, 'all', 'none']);

const FLAG_ON = ['1', 'true'];
const FLAG_OFF = ['', '0', 'false'];
/** How much of a bad value a message quotes: enough to see it, never a wall of text. */
const QUOTE_LIMIT = 80;

/** A value for a message, JSON-quoted and cut short when long. */
function quote(value: string): string {
  return value.length <= QUOTE_LIMIT ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, QUOTE_LIMIT))}… (${value.length} characters)`;
}

/** Every group set to `on`. */
function allGroups(on: boolean): PatchChoice {
  return Object.fromEntries(PATCH_GROUPS.map((group) => [group, on]));
}

/**
 * A configuration value the loader cannot use. Its message names the variable,
 * the bad value and the valid ones.
 *
 * @example
 * try { readConfig(process.env); } catch (e) { if (e instanceof ConfigError) console.error(e.message); }
 */
export class ConfigError extends GreenError {
  constructor(message: string) {
    super(message, 'ERR_GREEN_CONFIG');
  }
}
named(ConfigError, 'ConfigError');

/**
 * Parse a `GREEN_PATCH` list: comma-separated group names (`thread`, `time`),
 * `all`, `none`, and `-name` to remove one, applied left to right. A list that starts with a
 * removal starts from `all`; unset or blank means `all`. Empty items are ignored.
 *
 * @example
 * parsePatchList('all,-time'); // { thread: true, time: false }
 * parsePatchList('-thread');   // { thread: false, time: true }
 */
export function parsePatchList(value: string | undefined): PatchChoice {
  const items = (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
  const choice = allGroups(items.length === 0 || items[0]!.startsWith('-'));
  for (const item of items) {
    const remove = item.startsWith('-');
    const name = remove ? item.slice(1) : item;
    if (PATCH_GROUPS.includes(name)) choice[name] = !remove;
    else if (name === 'all' || (name === 'none' && !remove)) Object.assign(choice, allGroups(name === 'all' && !remove));
    else {
      throw new ConfigError(
        `GREEN_PATCH: unknown name ${quote(item)} in ${quote(value!)}. ` +
          `Valid names: ${PATCH_NAMES.join(', ')}; prefix ${[...PATCH_GROUPS, 'all'].join(', ')} with "-" to remove it (e.g. all,-time).`,
      );
    }
  }
  return choice;
}

/**
 * Parse an on/off variable such as `GREEN_DEBUG`: `1`/`true` (surrounding
 * blanks ignored, as in `GREEN_PATCH`) turn it on; unset, blank, `0`,
 * `false` leave it off; anything else is an error naming the variable.
 *
 * @example
 * parseFlag('GREEN_DEBUG', ' 1'); // true
 */
export function parseFlag(variable: string, value: string | undefined): boolean {
  const trimmed = value?.trim();
  if (trimmed === undefined || FLAG_OFF.includes(trimmed)) return false;
  if (FLAG_ON.includes(trimmed)) return true;
  throw new ConfigError(`${variable}: unknown value ${quote(value!)}. Valid values: 1, true, 0, false (or unset).`);
}

/**
 * Parse `GREEN_DEBUG` ({@link parseFlag}).
 *
 * @example
 * parseDebug('1'); // true
 */
export function parseDebug(value: string | undefined): boolean {
  return parseFlag('GREEN_DEBUG', value);
}

/**
 * Parse `GREEN_RUN_INFO`: off when unset, blank, `0` or `false`; `1`/`true`
 * mean SIGUSR2; otherwise a signal name (`SIGUSR2`, `SIGWINCH`…). Whether
 * the signal can be caught is checked where it is installed.
 *
 * @example
 * parseRunInfo('1'); // 'SIGUSR2'
 */
export function parseRunInfo(value: string | undefined): NodeJS.Signals | null {
  const trimmed = value?.trim() ?? '';
  if (FLAG_OFF.includes(trimmed)) return null;
  if (FLAG_ON.includes(trimmed)) return 'SIGUSR2';
  if (/^SIG[A-Z0-9]+$/.test(trimmed)) return trimmed as NodeJS.Signals;
  throw new ConfigError(`GREEN_RUN_INFO: unknown value ${quote(value!)}. Valid values: 1, true (SIGUSR2), a signal name such as SIGUSR2, 0, false (or unset).`);
}

/**
 * Parse `GREEN_MONITOR`: off when unset, blank or `0`; else the seconds the
 * hub's thread may stay blocked before the monitor reports it.
 *
 * @example
 * parseMonitor('0.5'); // 0.5
 */
export function parseMonitor(value: string | undefined): number | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '' || trimmed === '0') return null;
  const seconds = Number(trimmed);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ConfigError(`GREEN_MONITOR: unknown value ${quote(value!)}. Valid values: a number of seconds > 0 (e.g. 0.1), 0 (or unset) for off.`);
  }
  return seconds;
}

/** A whole number within [min, max] from `value` (trimmed), or a ConfigError naming `variable`. */
function parseCount(variable: string, value: string, min: number, max: number, meaning: string): number {
  const trimmed = value.trim();
  const n = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (n >= min && n <= max) return n;
  throw new ConfigError(`${variable}: unknown value ${quote(value)}. Valid values: ${meaning}.`);
}

/**
 * Parse `GREEN_NATIVE_POOL` (how many ended native threads' workers are
 * kept warm per creating thread; `0` turns reuse off; unset or blank: 16)
 * and `GREEN_NATIVE_POOL_IDLE_MS` (how long an idle worker is kept; unset
 * or blank: 5000).
 *
 * @example
 * parseNativePool('0', undefined); // { size: 0, idleMs: 5000 }
 */
export function parseNativePool(size: string | undefined, idleMs: string | undefined): PoolSettings {
  return {
    size: size?.trim() ? parseCount('GREEN_NATIVE_POOL', size, 0, 1024, 'a whole number of workers from 0 (reuse off) to 1024 (or unset: 16)') : DEFAULT_POOL_SETTINGS.size,
    idleMs: idleMs?.trim()
      ? parseCount('GREEN_NATIVE_POOL_IDLE_MS', idleMs, 1, 2 ** 31 - 1, 'a whole number of milliseconds > 0 (or unset: 5000)')
      : DEFAULT_POOL_SETTINGS.idleMs,
  };
}

/**
 * Parse `GREEN_CODE_CACHE` ({@link codeCacheChoice}), or a ConfigError that
 * quotes the bad value.
 *
 * @example
 * parseCodeCache({ GREEN_CODE_CACHE: '/var/cache/app' }); // '/var/cache/app'
 * parseCodeCache({ GREEN_CODE_CACHE: '0' }); // null
 */
export function parseCodeCache(env: NodeJS.ProcessEnv): string | null {
  const choice = codeCacheChoice(env);
  if ('dir' in choice) return choice.dir;
  throw new ConfigError(
    `GREEN_CODE_CACHE: unknown value ${quote(choice.invalid)}. Valid values: an absolute directory, 1, true (the default directory), 0, false (no cache), or unset (the default directory; none under NODE_V8_COVERAGE).`,
  );
}

/**
 * Read and validate the whole configuration from an environment.
 *
 * @example
 * const { patch, debug } = readConfig(process.env);
 */
export function readConfig(env: NodeJS.ProcessEnv): LoaderConfig {
  return {
    patch: parsePatchList(env.GREEN_PATCH),
    debug: parseDebug(env.GREEN_DEBUG),
    spawnSites: parseFlag('GREEN_SPAWN_SITES', env.GREEN_SPAWN_SITES),
    runInfoSignal: parseRunInfo(env.GREEN_RUN_INFO),
    monitor: parseMonitor(env.GREEN_MONITOR),
    nativePool: parseNativePool(env.GREEN_NATIVE_POOL, env.GREEN_NATIVE_POOL_IDLE_MS),
    codeCache: parseCodeCache(env),
  };
}
