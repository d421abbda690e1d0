/**
 * `patchModule`: replace a set of a target's attributes with a source's, the
 * way gevent.monkey.patch_module does — source hooks and subscribers are told
 * before (and may veto with DoNotPatch) and after.
 *
 * @module
 */
import { checkOptions } from '../runtime/validate.js';
import { checkPatchable, checkTarget, patchItem } from './saved.js';
import { DidPatchModuleEvent, isDoNotPatch, notify, WillPatchModuleEvent, type PatchTarget } from './events.js';

/**
 * Called by a source module's hooks to report a non-fatal problem (it becomes
 * a process warning named MonkeyPatchWarning).
 *
 * @example
 * export function didMonkeyPatch(target: PatchTarget, items: readonly string[], warn: Warn) { warn('threads already running'); }
 */
export type Warn = (message: string) => void;

/**
 * What `patchModule` reads from a source: the replacement values by name,
 * optionally `__implements__` (the default items) and the two hooks.
 *
 * @example
 * const source: PatchSource = { __implements__: ['sleep'], sleep: greenSleep };
 */
export interface PatchSource {
  readonly __implements__?: readonly string[];
  /** Runs before patching; may throw DoNotPatch to cancel. */
  willMonkeyPatch?(target: PatchTarget, items: readonly string[], warn: Warn): void;
  /** Runs after patching. */
  didMonkeyPatch?(target: PatchTarget, items: readonly string[], warn: Warn): void;
  readonly [name: string]: unknown;
}

/** Hooks' warnings become process warnings, like gevent's queued warnings. */
const warn: Warn = (message) => process.emitWarning(String(message), 'MonkeyPatchWarning');

/**
 * Replace `items` (default `source.__implements__`) of `target` with the
 * source's values. Returns `false` when a hook or subscriber vetoed the patch
 * with DoNotPatch, `true` once patched. Every item is checked before anything
 * is replaced.
 *
 * @example
 * patchModule('time', { __implements__: ['sleep'], sleep: mySleep });
 * patchModule(require('../runtime/legacy.cjs'), { fetch: tracedFetch }, ['fetch']);
 */
export function patchModule(target: PatchTarget, source: PatchSource, items?: readonly string[]): boolean {
  checkTarget(target, 'target');
  checkOptions(source, 'source');
  const names = items ?? source.__implements__;
  if (!Array.isArray(names)) {
    throw new TypeError('items must be an array of names when the source declares no __implements__ array');
  }
  for (const name of names) {
    checkPatchable(target, name);
    if (!(name in source)) throw new TypeError(`source has no '${name}' to patch with`);
  }
  const moduleName = typeof target === 'string' ? target : null;
  try {
    source.willMonkeyPatch?.(target, names, warn);
    notify(new WillPatchModuleEvent(moduleName, source, target, names));
  } catch (error) {
    if (isDoNotPatch(error)) return false;
    throw error;
  }
  for (const name of names) patchItem(target, name, source[name]);
  source.didMonkeyPatch?.(target, names, warn);
  notify(new DidPatchModuleEvent(moduleName, source, target, names));
  return true;
}
