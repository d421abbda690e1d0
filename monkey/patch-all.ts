/**
 * `patchAll`, `patchThread`, `patchTime`: swap shim facades over to their
 * green implementations (gevent.monkey's patch_all / patch_thread /
 * patch_time), synchronously, each returning whether it patched.
 *
 * Which modules a call patches comes from the shim table (a group's rows).
 * A shim's facade and green module are loaded on demand, so loading
 * `green-loader/monkey` costs nothing until something is patched; each green
 * module declares `__target__` (which facade it replaces) and
 * `__implements__` (which names).
 *
 * @module
 */
import { checkBoolean, checkOptions } from '../runtime/validate.js';
import { modulesOfGroup, PATCH_GROUPS, shimRow } from '../shims/registry.js';
import { DidPatchAllEvent, isDoNotPatch, notify, WillPatchAllEvent, type PatchAllOptions } from './events.js';
import { loadFacade, loadGreen } from './load-shim.js';
import { patchModule } from './patch-module.js';

/** Read a boolean option with its default, checking its type. */
function flag(options: Record<string, unknown> | undefined, name: string, fallback: boolean): boolean {
  const value = options?.[name] ?? fallback;
  checkBoolean(value, `options.${name}`);
  return value;
}

/**
 * Options of {@link patchThread}, gevent's patch_thread keywords.
 *
 * @example
 * await patchThread({ Event: false } satisfies PatchThreadOptions);
 */
export interface PatchThreadOptions {
  /** Patch the `threading` facade too, not only `thread` (default true). */
  threading?: boolean;
  /** Make `threading.local` and `thread._local` greenlet-local (default true). */
  _threading_local?: boolean;
  /** Make `threading.Event` the green Event (default true). */
  Event?: boolean;
  /**
   * Accepted for gevent compatibility; has no effect. gevent converts locks
   * created before patching by walking the heap, which JavaScript cannot do:
   * native locks made before the patch stay native (they still work; their
   * waits do not block the hub).
   */
  existingLocks?: boolean;
}

/** Names of `threading`/`thread` that patchThread's options can keep native. */
function threadItemFilter(threadingLocal: boolean, event: boolean): (name: string) => boolean {
  return (name) => (threadingLocal || (name !== 'local' && name !== '_local')) && (event || name !== 'Event');
}

/**
 * Patch one shim module with its green implementation (all of its
 * `__implements__`, less what `keep` refuses). Returns whether it patched.
 *
 * @example
 * patchShim('time'); // what the preload does when the app first imports 'time'
 */
export function patchShim(name: string, keep: (item: string) => boolean = () => true): boolean {
  if (!shimRow(name)) throw new TypeError(`'${name}' is not a shim module`);
  const green = loadGreen(name);
  return patchModule(name, green, green.__implements__.filter(keep));
}

/**
 * Patch a shim whose facade is registering right now (a patch deferred until
 * the app first imports it, as the preload records them): like
 * {@link patchShim}, and the exports the green module does not implement —
 * the values both implementations share (a green module re-exports them) —
 * are taken from the green module, so the native implementation is not
 * loaded at all. Returns whether it patched.
 *
 * @example
 * deferPatch('threading', () => patchShimAtLoad('threading'));
 */
export function patchShimAtLoad(name: string): boolean {
  const patched = patchShim(name);
  if (!patched) return false;
  const green = loadGreen(name);
  const record = loadFacade(name)!;
  for (const attr of Object.keys(record.current)) if (attr in green) record.fill(attr, green[attr]);
  return true;
}

/** Patch every module of one group; true when all of them patched. */
function patchGroup(group: string, keep?: (item: string) => boolean, skip?: (name: string) => boolean): boolean {
  let patched = true;
  for (const name of modulesOfGroup(group)) if (!skip?.(name)) patched = patchShim(name, keep) && patched;
  return patched;
}

/**
 * Make `thread` (and by default `threading`) green: threads become greenlets.
 * Returns `true` when every module it set out to patch was patched (`false`
 * when a hook or subscriber vetoed one).
 *
 * @example
 * patchThread({ Event: false }); // greenlets, but threading.Event stays native
 */
export function patchThread(options?: PatchThreadOptions): boolean {
  checkOptions(options, 'options');
  const bag = options as Record<string, unknown> | undefined;
  const threading = flag(bag, 'threading', true);
  const keep = threadItemFilter(flag(bag, '_threading_local', true), flag(bag, 'Event', true));
  flag(bag, 'existingLocks', true);
  return patchGroup('thread', keep, (name) => name === 'threading' && !threading);
}

/**
 * Make `time` green: `time.sleep` yields to the hub instead of blocking.
 *
 * @example
 * patchTime();
 */
export function patchTime(): boolean {
  return patchGroup('time');
}

/**
 * Patch every group selected (default: all of them — thread and time),
 * announcing it with WillPatchAllEvent (a subscriber may veto all of it with
 * DoNotPatch) and DidPatchAllEvent. Returns `false` when vetoed.
 *
 * @example
 * patchAll();                // what `node --import green-loader` does
 * patchAll({ time: false }); // greenlets, blocking time.sleep
 */
export function patchAll(options?: PatchAllOptions): boolean {
  checkOptions(options, 'options');
  const bag = options as Record<string, unknown> | undefined;
  const resolved = Object.fromEntries(PATCH_GROUPS.map((group) => [group, flag(bag, group, true)])) as Required<PatchAllOptions>;
  try {
    notify(new WillPatchAllEvent(resolved));
  } catch (error) {
    if (isDoNotPatch(error)) return false;
    throw error;
  }
  for (const group of PATCH_GROUPS) {
    if (!resolved[group]) continue;
    if (group === 'thread') patchThread();
    else patchGroup(group);
  }
  notify(new DidPatchAllEvent(resolved));
  return true;
}
