/**
 * The loader's configuration, read from the environment once at startup (so
 * it works through NODE_OPTIONS in a container): which facades to patch
 * (`GREEN_PATCH`) and whether to print decisions (`GREEN_DEBUG`). Pure
 * parsing: the preload decides what to do with a {@link ConfigError}.
 *
 * @module
 */
import { GreenError, named } from '../runtime/errors.js';

/** Which groups to patch. */
export interface PatchChoice {
  /** `threading` and `thread` become greenlet-based. */
  thread: boolean;
  /** `time.sleep` yields to the hub. */
  time: boolean;
}

/** Everything the preload needs to know. */
export interface LoaderConfig {
  patch: PatchChoice;
  debug: boolean;
}

/** The names `GREEN_PATCH` accepts; each but `none` may be prefixed with `-`. */
export const PATCH_NAMES = ['thread', 'time', 'all', 'none'] as const;

const DEBUG_ON = ['1', 'true'];
const DEBUG_OFF = ['', '0', 'false'];

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
 * Parse a `GREEN_PATCH` list: comma-separated `thread`, `time`, `all`, `none`,
 * and `-name` to remove one, applied left to right. A list that starts with a
 * removal starts from `all`; unset or blank means `all`. Empty items are ignored.
 *
 * @example
 * parsePatchList('all,-time'); // { thread: true, time: false }
 * parsePatchList('-thread');   // { thread: false, time: true }
 */
export function parsePatchList(value: string | undefined): PatchChoice {
  const items = (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
  const choice: PatchChoice = { thread: false, time: false };
  if (items.length === 0 || items[0]!.startsWith('-')) Object.assign(choice, { thread: true, time: true });
  for (const item of items) {
    const remove = item.startsWith('-');
    const name = remove ? item.slice(1) : item;
    if (name === 'thread' || name === 'time') choice[name] = !remove;
    else if (name === 'all' || (name === 'none' && !remove)) {
      const on = name === 'all' && !remove;
      Object.assign(choice, { thread: on, time: on });
    } else {
      throw new ConfigError(
        `GREEN_PATCH: unknown name ${JSON.stringify(item)} in ${JSON.stringify(value)}. ` +
          `Valid names: ${PATCH_NAMES.join(', ')}; prefix thread, time or all with "-" to remove it (e.g. all,-time).`,
      );
    }
  }
  return choice;
}

/**
 * Parse `GREEN_DEBUG`: `1`/`true` turn decision lines on; unset, empty, `0`,
 * `false` leave them off; anything else is an error.
 *
 * @example
 * parseDebug('1'); // true
 */
export function parseDebug(value: string | undefined): boolean {
  if (value === undefined || DEBUG_OFF.includes(value)) return false;
  if (DEBUG_ON.includes(value)) return true;
  throw new ConfigError(`GREEN_DEBUG: unknown value ${JSON.stringify(value)}. Valid values: 1, true, 0, false (or unset).`);
}

/**
 * Read and validate the whole configuration from an environment.
 *
 * @example
 * const { patch, debug } = readConfig(process.env);
 */
export function readConfig(env: NodeJS.ProcessEnv): LoaderConfig {
  return { patch: parsePatchList(env.GREEN_PATCH), debug: parseDebug(env.GREEN_DEBUG) };
}
