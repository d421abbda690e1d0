/**
 * `GREEN_DEBUG` output: one line on stderr per decision, written with
 * `fs.writeSync(2, …)` because `console` output from the hooks thread can be
 * lost at exit.
 *
 * @module
 */
import { builtin } from '../runtime/builtin.js';

/** Writes one decision line (or nothing, when debugging is off). */
export type DebugLog = (line: string) => void;

/**
 * A logger that prefixes `green-loader: ` and writes synchronously to fd 2,
 * or a no-op when `enabled` is false.
 *
 * @example
 * const log = debugLog(true);
 * log("import 'time' -> facade"); // stderr: green-loader: import 'time' -> facade
 */
export function debugLog(enabled: boolean): DebugLog {
  return enabled ? (line) => void builtin('node:fs').writeSync(2, `green-loader: ${line}\n`) : () => {};
}
