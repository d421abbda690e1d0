/**
 * Monkey-patching events and their subscribers (gevent.events' patch events).
 *
 * Patching announces itself before and after: a subscriber can veto a patch
 * by throwing {@link DoNotPatch} from a "will" event, and can observe what was
 * patched from a "did" event (the preload's `GREEN_DEBUG` lines come from
 * here). Kept apart from the patching code so both stay short.
 *
 * @module
 */
import { GreenError, named } from '../runtime/errors.js';
import { checkFunction } from '../runtime/validate.js';
import { shimRow } from '../shims/registry.js';

/**
 * Thrown by a source's `willMonkeyPatch` hook or by a subscriber of a "will"
 * event to cancel that patch; the patch function then returns `false`.
 *
 * @example
 * subscribe(e => { if (e instanceof WillPatchModuleEvent && e.moduleName === 'time') throw new DoNotPatch(); });
 */
export class DoNotPatch extends GreenError {
  constructor(message = 'do not patch') {
    super(message, 'ERR_GREEN_DO_NOT_PATCH');
  }
}
named(DoNotPatch, 'DoNotPatch');

/**
 * Whether an error is a DoNotPatch, from this copy of the package or another
 * (tested by code, not `instanceof`).
 *
 * @example
 * try { hook(); } catch (e) { if (isDoNotPatch(e)) return false; throw e; }
 */
export function isDoNotPatch(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_GREEN_DO_NOT_PATCH';
}

/**
 * A patch target: a facade's module name, or a mutable object such as a CommonJS exports object.
 *
 * @example
 * const targets: PatchTarget[] = ['threading', require('node:fs')];
 */
export type PatchTarget = string | object;

/**
 * What both module events carry: which target, from which source, which items.
 *
 * @example
 * subscribe(e => { if (e instanceof PatchModuleEvent) console.log(e.moduleName, e.items); });
 */
export abstract class PatchModuleEvent {
  constructor(
    /** The target's module name, or `null` when the target is an object. */
    readonly moduleName: string | null,
    /** Where the replacements come from. */
    readonly source: object,
    /** What is patched: a module name or an object. */
    readonly target: PatchTarget,
    /** The attribute names to replace. */
    readonly items: readonly string[],
  ) {}
}

/**
 * Sent before `patchModule` replaces anything; throw {@link DoNotPatch} to cancel.
 *
 * @example
 * subscribe(e => { if (e instanceof WillPatchModuleEvent && e.moduleName === 'time') throw new DoNotPatch(); });
 */
export class WillPatchModuleEvent extends PatchModuleEvent {}

/**
 * Sent after `patchModule` replaced its items.
 *
 * @example
 * subscribe(e => { if (e instanceof DidPatchModuleEvent) console.log('patched', e.moduleName); });
 */
export class DidPatchModuleEvent extends PatchModuleEvent {}

/**
 * Which groups `patchAll` was asked to patch.
 *
 * @example
 * const options: PatchAllOptions = { time: false };
 */
export interface PatchAllOptions {
  /** Patch the `thread` group: `threading` and `thread` (default true). */
  thread?: boolean;
  /** Patch the `time` group (default true). */
  time?: boolean;
  /** Any other group of the shim table, by its name (default true). */
  [group: string]: boolean | undefined;
}

/**
 * What both `patchAll` events carry: the options it runs with.
 *
 * @example
 * subscribe(e => { if (e instanceof PatchAllEvent && e.willPatchModule('time')) console.log('time too'); });
 */
export abstract class PatchAllEvent {
  constructor(
    /** The resolved options, every flag present. */
    readonly options: Readonly<Required<PatchAllOptions>>,
  ) {}

  /**
   * Whether this `patchAll` will patch the named facade module.
   *
   * @example
   * event.willPatchModule('threading');
   */
  willPatchModule(moduleName: string): boolean {
    const row = shimRow(moduleName);
    return row !== undefined && this.options[row.group] === true;
  }
}

/**
 * Sent before `patchAll` patches anything; throw {@link DoNotPatch} to cancel all of it.
 *
 * @example
 * subscribe(e => { if (e instanceof WillPatchAllEvent && !e.options.time) console.log('time stays native'); });
 */
export class WillPatchAllEvent extends PatchAllEvent {}

/**
 * Sent after `patchAll` finished.
 *
 * @example
 * subscribe(e => { if (e instanceof DidPatchAllEvent) console.log('patched', e.options); });
 */
export class DidPatchAllEvent extends PatchAllEvent {}

/**
 * Any event a subscriber receives.
 *
 * @example
 * const log = (e: MonkeyEvent) => console.error(e.constructor.name);
 */
export type MonkeyEvent = WillPatchModuleEvent | DidPatchModuleEvent | WillPatchAllEvent | DidPatchAllEvent;

/**
 * A subscriber; may throw {@link DoNotPatch} on a "will" event.
 *
 * @example
 * const veto: Subscriber = (e) => { if (e instanceof WillPatchAllEvent) throw new DoNotPatch(); };
 */
export type Subscriber = (event: MonkeyEvent) => void;

const subscribers = new Set<Subscriber>();

/**
 * Receive every patch event until the returned function is called.
 *
 * @example
 * const unsubscribe = subscribe(e => console.error(e.constructor.name));
 * unsubscribe();
 */
export function subscribe(fn: Subscriber): () => void {
  checkFunction(fn, 'fn');
  const entry: Subscriber = (event) => fn(event);
  subscribers.add(entry);
  return () => void subscribers.delete(entry);
}

/**
 * Deliver an event to every subscriber in subscription order. A throw
 * (including {@link DoNotPatch}) stops delivery and reaches the caller.
 *
 * @example
 * notify(new DidPatchAllEvent({ thread: true, time: true }));
 */
export function notify(event: MonkeyEvent): void {
  for (const fn of [...subscribers]) fn(event);
}
