/**
 * The saved-originals table and the primitive patch/unpatch operations.
 *
 * Every patch goes through {@link patchItem}, which records the first original
 * of each attribute (later patches never overwrite it, as in gevent) so that
 * {@link getOriginal} can always reach the real implementation and
 * {@link unpatch} can restore it. A module name (`'threading'`) is patched
 * through the facade registry, which reassigns the facade's live bindings (a
 * shim's facade is loaded on first use, synchronously); an
 * object (a CommonJS exports object, a builtin's exports) is assigned to
 * directly and builtins' ES views are re-synced.
 *
 * @module
 */
import { builtin } from '../runtime/builtin.js';
import { SHIM_NAMES } from '../shims/registry.js';
import { cancelDeferredPatch, isPatchDeferred, type Facade } from '../shims/shared/live-facades.js';
import type { PatchTarget } from './events.js';
import { loadFacade } from './load-shim.js';

/**
 * Originals of patched facade modules: `{moduleName: {attr: original}}`.
 * Read it; change it only through the patch functions.
 *
 * @example
 * saved.threading?.Thread; // the native Thread, once threading was patched
 */
export const saved: Record<string, Record<string, unknown>> = Object.create(null);

/** Marks an attribute that was not an own property of its object before the patch. */
const ABSENT = Symbol('absent');

/**
 * Originals of patched objects, by the object's identity. A Map rather than a
 * WeakMap: `unpatch()` must be able to reach every patched object, and a
 * patched object's originals are held anyway.
 */
const savedByObject = new Map<object, Map<string, unknown>>();

/** Render a target for a message. */
function describe(target: PatchTarget): string {
  return typeof target === 'string' ? `module '${target}'` : 'the target object';
}

/**
 * Check a patch target: a non-empty module name or an object (functions count).
 *
 * @example
 * checkTarget(target, 'target'); // TypeError for 42
 */
export function checkTarget(value: unknown, name: string): asserts value is PatchTarget {
  const ok = typeof value === 'string' ? value !== '' : (typeof value === 'object' && value !== null) || typeof value === 'function';
  if (!ok) throw new TypeError(`${name} must be a module name or an object, got ${value === '' ? 'an empty string' : typeof value}`);
}

/** Check an attribute name argument. */
function checkAttr(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string, got ${typeof value}`);
}

/** The facade of a module name (a shim's is loaded on first use), or a TypeError naming the shims. */
function loadedFacade(moduleName: string): Facade {
  const found = loadFacade(moduleName);
  if (!found) throw new TypeError(`no facade for module '${moduleName}' is loaded, and it is not a shim module`);
  return found;
}

/**
 * Check that `attr` of `target` can be patched, without patching it: a
 * facade must be loaded and export `attr` (ES exports cannot be added).
 *
 * @example
 * for (const item of items) checkPatchable('threading', item);
 */
export function checkPatchable(target: PatchTarget, attr: string): void {
  checkTarget(target, 'target');
  checkAttr(attr, 'attr');
  if (typeof target === 'string' && !(attr in loadedFacade(target).current)) {
    throw new TypeError(`${describe(target)} has no export '${attr}' to patch`);
  }
}

/**
 * Record the original of a facade's `attr`. A facade that came up patched
 * never loaded its native implementation: its original is then a getter that
 * loads it when first read (by getOriginal, unpatch or a look at `saved`).
 */
function keepOriginal(originals: Record<string, unknown>, attr: string, record: Facade): void {
  const lazy = record.lazyNative(attr);
  if (!lazy) originals[attr] = record.current[attr];
  else Object.defineProperty(originals, attr, { get: lazy, enumerable: true, configurable: true });
}

/**
 * Replace `module[attr]` with `value`, keeping the first original in {@link saved}.
 *
 * @example
 * patchItem('threading', 'excepthook', (args) => log(args.exc_value));
 * patchItem(require('node:fs'), 'readFile', tracedReadFile); // builtins are re-synced for `import`
 */
export function patchItem(module: PatchTarget, attr: string, value: unknown): void {
  checkPatchable(module, attr);
  if (typeof module === 'string') {
    const record = loadedFacade(module);
    const originals = (saved[module] ??= {});
    if (!(attr in originals)) keepOriginal(originals, attr, record);
    record.set(attr, value);
    return;
  }
  const target = module as Record<string, unknown>;
  const original = Object.hasOwn(target, attr) ? target[attr] : ABSENT;
  target[attr] = value;
  let originals = savedByObject.get(module);
  if (!originals) savedByObject.set(module, (originals = new Map()));
  if (!originals.has(attr)) originals.set(attr, original);
  builtin('node:module').syncBuiltinESMExports();
}

/** The original of one attribute: saved if patched, else the current value. */
function originalOf(target: PatchTarget, attr: string): unknown {
  checkAttr(attr, 'name');
  if (typeof target === 'string') {
    const originals = saved[target];
    if (originals && attr in originals) return originals[attr];
    const current = loadedFacade(target).current;
    if (!(attr in current)) throw new TypeError(`${describe(target)} has no export '${attr}'`);
    return current[attr];
  }
  const originals = savedByObject.get(target);
  if (originals?.has(attr)) {
    const original = originals.get(attr);
    return original === ABSENT ? undefined : original;
  }
  return (target as Record<string, unknown>)[attr];
}

/**
 * The unpatched value of one attribute, or of several (an array in, an array out).
 *
 * @example
 * const NativeThread = getOriginal('threading', 'Thread');
 * const [sleep, time] = getOriginal('time', ['sleep', 'time']);
 */
export function getOriginal(module: PatchTarget, name: string): unknown;
export function getOriginal(module: PatchTarget, names: readonly string[]): unknown[];
export function getOriginal(module: PatchTarget, names: string | readonly string[]): unknown {
  checkTarget(module, 'module');
  return Array.isArray(names) ? names.map((name: string) => originalOf(module, name)) : originalOf(module, names as string);
}

/**
 * Whether any attribute of the module (or object) is patched. A shim whose
 * patch waits for its first import (the preload's) counts as patched.
 *
 * @example
 * if (isModulePatched('time')) console.log('time.sleep yields to the hub');
 */
export function isModulePatched(module: PatchTarget): boolean {
  checkTarget(module, 'module');
  return typeof module === 'string' ? module in saved || isPatchDeferred(module) : savedByObject.has(module);
}

/**
 * Whether one attribute of the module (or object) is patched.
 *
 * @example
 * isObjectPatched('threading', 'Thread');
 */
export function isObjectPatched(module: PatchTarget, name: string): boolean {
  checkTarget(module, 'module');
  checkAttr(name, 'name');
  return typeof module === 'string' ? Object.hasOwn(saved[module] ?? {}, name) : savedByObject.get(module)?.has(name) === true;
}

/**
 * Whether anything at all is patched.
 *
 * @example
 * if (!isAnythingPatched()) console.log('running on real threads');
 */
export function isAnythingPatched(): boolean {
  return Object.keys(saved).length > 0 || savedByObject.size > 0 || SHIM_NAMES.some(isPatchDeferred);
}

/** Restore one object target's originals and forget them. */
function unpatchObject(target: object): boolean {
  const originals = savedByObject.get(target);
  if (!originals) return false;
  const record = target as Record<string, unknown>;
  for (const [attr, original] of originals) {
    if (original === ABSENT) delete record[attr];
    else record[attr] = original;
  }
  savedByObject.delete(target);
  builtin('node:module').syncBuiltinESMExports();
  return true;
}

/** Restore one facade module's originals and forget them (or drop its deferred patch). */
function unpatchModule(moduleName: string): boolean {
  const originals = saved[moduleName];
  if (!originals) return cancelDeferredPatch(moduleName);
  const record = loadedFacade(moduleName);
  for (const attr of Object.keys(originals)) record.set(attr, originals[attr]);
  delete saved[moduleName];
  return true;
}

/**
 * Restore originals and drop their entries from the table: of one module
 * name, of one object, or (no argument) of everything. Returns whether
 * anything was restored. gevent cannot do this; live ES bindings make it safe.
 *
 * @example
 * unpatch('time'); // time.sleep blocks the thread again
 * unpatch();       // everything back to native
 */
export function unpatch(module?: PatchTarget): boolean {
  if (module === undefined) {
    let restored = cancelDeferredPatch();
    for (const name of Object.keys(saved)) restored = unpatchModule(name) || restored;
    for (const target of [...savedByObject.keys()]) restored = unpatchObject(target) || restored;
    return restored;
  }
  checkTarget(module, 'module');
  return typeof module === 'string' ? unpatchModule(module) : unpatchObject(module);
}
