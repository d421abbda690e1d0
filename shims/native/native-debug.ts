/**
 * GREEN_DEBUG for the native shim: one line on stderr per decision that a
 * user could not otherwise see (an unmatched module-level lock, a target
 * that falls back to its source text). The loader parses GREEN_DEBUG once
 * and turns this on ({@link setNativeDebug}); a native thread gets the flag
 * from its creator through `workerData`. Lines are written synchronously to
 * fd 2, prefixed like the loader's.
 *
 * @module
 */
import { builtin } from '../../runtime/builtin.js';

// On globalThis (per thread): the preload sets it from its combined copy of this module.
const KEY = Symbol.for('green-loader.native-debug');
const state = globalThis as { [KEY]?: boolean };

/**
 * Turn the native shim's debug lines on or off.
 *
 * @example
 * setNativeDebug(config.debug);
 */
export function setNativeDebug(on: boolean): void {
  state[KEY] = on;
}

/**
 * Whether debug lines are on (a new thread inherits it).
 *
 * @example
 * job.debug = nativeDebugEnabled();
 */
export function nativeDebugEnabled(): boolean {
  return state[KEY] === true;
}

/**
 * Write one debug line when debugging is on.
 *
 * @example
 * nativeDebug('Lock created at file:///app.mjs:3:14 (#1) has no counterpart');
 */
export function nativeDebug(line: string): void {
  if (state[KEY] === true) builtin('node:fs').writeSync(2, `green-loader: ${line}\n`);
}
