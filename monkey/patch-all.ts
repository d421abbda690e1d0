/**
 * `patchAll`, `patchThread`, `patchTime`: swap the `threading`, `thread` and
 * `time` facades over to the green implementations (gevent.monkey's
 * patch_all / patch_thread / patch_time).
 *
 * The green modules (`shims/green/*`) are imported on demand, so loading
 * `green-loader/monkey` costs nothing until something is patched. Each green
 * module declares `__target__` (which facade it replaces) and
 * `__implements__` (which names).
 *
 * @module
 */
import { checkBoolean, checkOptions } from '../runtime/validate.js';
import { patchModule, type PatchSource } from './patch-module.js';
import { DidPatchAllEvent, isDoNotPatch, notify, WillPatchAllEvent, type PatchAllOptions } from './events.js';

type ShimName = 'threading' | 'thread' | 'time';

/** A green shim module, per its contract. */
interface GreenModule extends PatchSource {
  readonly __implements__: readonly string[];
  readonly __target__: ShimName;
}

/** Load the facade (so it is registered) and the green module of one shim. */
async function loadGreen(name: ShimName): Promise<GreenModule> {
  let green: unknown;
  if (name === 'threading') [, green] = await Promise.all([import('../shims/threading.js'), import('../shims/green/threading.js')]);
  else if (name === 'thread') [, green] = await Promise.all([import('../shims/thread.js'), import('../shims/green/thread.js')]);
  else [, green] = await Promise.all([import('../shims/time.js'), import('../shims/green/time.js')]);
  const module = green as GreenModule;
  if (module.__target__ !== name || !Array.isArray(module.__implements__)) {
    throw new Error(`green-loader: shims/green/${name} does not declare __target__ '${name}' and __implements__`);
  }
  return module;
}

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

/**
 * Make `thread` (and by default `threading`) green: threads become greenlets.
 * Resolves to `true` when every module it set out to patch was patched
 * (`false` when a hook or subscriber vetoed one).
 *
 * @example
 * await patchThread({ Event: false }); // greenlets, but threading.Event stays native
 */
export async function patchThread(options?: PatchThreadOptions): Promise<boolean> {
  checkOptions(options, 'options');
  const bag = options as Record<string, unknown> | undefined;
  const threading = flag(bag, 'threading', true);
  const threadingLocal = flag(bag, '_threading_local', true);
  const event = flag(bag, 'Event', true);
  flag(bag, 'existingLocks', true);
  const keep = (name: string) => (threadingLocal || (name !== 'local' && name !== '_local')) && (event || name !== 'Event');
  const thread = await loadGreen('thread');
  let patched = patchModule('thread', thread, thread.__implements__.filter(keep));
  if (threading) {
    const green = await loadGreen('threading');
    patched = patchModule('threading', green, green.__implements__.filter(keep)) && patched;
  }
  return patched;
}

/**
 * Make `time` green: `time.sleep` yields to the hub instead of blocking.
 *
 * @example
 * await patchTime();
 */
export async function patchTime(): Promise<boolean> {
  return patchModule('time', await loadGreen('time'));
}

/**
 * Patch everything selected (default: thread and time), announcing it with
 * WillPatchAllEvent (a subscriber may veto all of it with DoNotPatch) and
 * DidPatchAllEvent. Resolves to `false` when vetoed.
 *
 * @example
 * await patchAll();               // what `node --import green-loader` does
 * await patchAll({ time: false }); // greenlets, blocking time.sleep
 */
export async function patchAll(options?: PatchAllOptions): Promise<boolean> {
  checkOptions(options, 'options');
  const bag = options as Record<string, unknown> | undefined;
  const resolved = { thread: flag(bag, 'thread', true), time: flag(bag, 'time', true) };
  try {
    notify(new WillPatchAllEvent(resolved));
  } catch (error) {
    if (isDoNotPatch(error)) return false;
    throw error;
  }
  if (resolved.time) await patchTime();
  if (resolved.thread) await patchThread();
  notify(new DidPatchAllEvent(resolved));
  return true;
}
