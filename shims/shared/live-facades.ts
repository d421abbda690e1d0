/**
 * The facade registry: the one place that knows what each shim facade
 * (`threading`, `thread`, `time`, …) currently exports.
 *
 * Each shim facade (`shims/threading.ts`, …) declares its exports as
 * `export let` bindings and registers a setter here; monkey patching calls
 * {@link Facade.set}, which reassigns the live bindings of every registered
 * copy of that facade. The table sits on `globalThis` under a `Symbol.for`
 * key so two copies of the package (or a `?query` instance of a facade) stay
 * in step. Implementations read hooks such as `excepthook` through
 * {@link currentAttr}, so a patched hook is honoured by native and green
 * threads alike.
 *
 * A patch can also be recorded for a facade that is not loaded yet
 * ({@link deferPatch}): it is applied the moment the facade registers, before
 * any importer sees its exports. That is how the preload patches per
 * `GREEN_PATCH` without loading a single shim module until the app imports one.
 * A facade names its native implementation without importing it
 * ({@link nativeExports}); when a deferred patch gives every export its
 * value, the native implementation is never loaded unless an original is
 * read ({@link Facade.lazyNative}) — the green path of `import 'threading'`
 * does not pay for the native thread machinery.
 *
 * @module
 */
import { builtin } from '../../runtime/builtin.js';

/** Reassigns one export of one facade instance. */
export type FacadeSetter = (attr: string, value: unknown) => void;

/**
 * The registry's record of one facade module.
 *
 * @example
 * const threading = facade('threading');
 * threading?.set('excepthook', myHook); // every `import { excepthook }` sees myHook
 */
export interface Facade {
  /** Module name: `threading`, `thread` or `time`. */
  readonly name: string;
  /** What the facade exports right now, attribute by attribute. */
  readonly current: Record<string, unknown>;
  /** Reassign one export in every registered instance of this facade. */
  set(attr: string, value: unknown): void;
  /**
   * Give an export whose native value was never loaded the value both
   * implementations share, without loading the native one (no effect on an
   * export that has its value already).
   */
  fill(attr: string, value: unknown): void;
  /**
   * A getter of the native value of `attr` when that value was never loaded
   * (calling it loads the native implementation), else `undefined`.
   */
  lazyNative(attr: string): (() => unknown) | undefined;
}

/**
 * A facade's native implementation, loaded only when one of its values is
 * needed: the facade's export names, and how to load it.
 *
 * @example
 * registerFacade('time', nativeExports(import.meta.url, './native/time.js', ['sleep', 'time']), setter);
 */
export interface NativeExports {
  readonly names: readonly string[];
  load(): Record<string, unknown>;
}

interface FacadeRecord extends Facade {
  readonly setters: FacadeSetter[];
  /** Give every export still without a value its native one. */
  settleNative(): void;
}

const KEY = Symbol.for('green-loader.facades');
const DEFERRED = Symbol.for('green-loader.deferred-patches');
type Table = Map<string, FacadeRecord>;
type Deferred = Map<string, () => void>;

function table(): Table {
  const g = globalThis as unknown as { [KEY]?: Table };
  return (g[KEY] ??= new Map());
}

function deferred(): Deferred {
  const g = globalThis as unknown as { [DEFERRED]?: Deferred };
  return (g[DEFERRED] ??= new Map());
}

/**
 * The native implementation of a facade, as {@link registerFacade} takes it:
 * loaded with a synchronous `require` of the ES module `specifier` (relative
 * to `url`) only when a value is needed.
 *
 * @example
 * nativeExports(import.meta.url, './native/time.js', ['sleep', 'time', 'monotonic']);
 */
export function nativeExports(url: string, specifier: string, names: readonly string[]): NativeExports {
  return { names, load: () => builtin('node:module').createRequire(url)(specifier) as Record<string, unknown> };
}

/**
 * A new record whose `current` values are read from `native` on first use.
 * Why a plain object and a proxy, not an accessor per export redefined as a
 * value when patched: every green process registers its facades at startup,
 * and nineteen accessors turned into data properties one by one cost
 * `import 'threading'` ~0.2 ms and ~9 KB of the young generation.
 */
function newRecord(name: string, native: NativeExports): FacadeRecord {
  const setters: FacadeSetter[] = [];
  const pending = new Set(native.names);
  // Every export from the start, in the facade's order: `Object.keys(current)` lists them all, with a value or not.
  const values: Record<string, unknown> = {};
  for (const attr of native.names) values[attr] = undefined;
  let loaded: Record<string, unknown> | undefined;
  const loadNative = (): Record<string, unknown> => (loaded ??= native.load());
  const settle = (attr: string, value: unknown): void => {
    pending.delete(attr);
    values[attr] = value;
  };
  /** Every export still without its value gets the native one. */
  const settleNative = (): void => {
    if (pending.size === 0) return;
    const originals = loadNative();
    for (const attr of [...pending]) {
      settle(attr, originals[attr]);
      for (const s of setters) s(attr, originals[attr]);
    }
  };
  // While some export has no value (during a registration's deferred patch), reading one of those loads the native implementation.
  const unsettled = new Proxy(values, {
    get: (target, attr) => {
      if (typeof attr === 'string' && pending.has(attr)) settleNative();
      return target[attr as string];
    },
    set: (_target, attr, value) => {
      settle(attr as string, value);
      return true;
    },
  });
  return {
    name,
    get current() {
      return pending.size === 0 ? values : unsettled;
    },
    setters,
    set(attr: string, value: unknown): void {
      settle(attr, value);
      for (const s of setters) s(attr, value);
    },
    fill(attr: string, value: unknown): void {
      if (pending.has(attr)) this.set(attr, value);
    },
    lazyNative(attr: string): (() => unknown) | undefined {
      return pending.has(attr) ? () => loadNative()[attr] : undefined;
    },
    settleNative,
  };
}

/**
 * Register one instance of a facade. The first registration fixes the initial
 * exports: the native implementation's, or — when a patch of this facade was
 * deferred ({@link deferPatch}) — what that patch puts there, and the native
 * implementation is then loaded only if some export is left without a value
 * or its original is asked for. A later instance of the same facade (a
 * second package copy) is brought up to date with the current values at once.
 * `initial` is the native implementation (see {@link nativeExports}) or, for
 * a facade of plain values, the values.
 *
 * @example
 * export let sleep: typeof native.sleep;
 * registerFacade('time', nativeExports(import.meta.url, './native/time.js', ['sleep']), (attr, v) => { if (attr === 'sleep') sleep = v as typeof sleep; });
 */
export function registerFacade(name: string, initial: NativeExports | Record<string, unknown>, setter: FacadeSetter): Facade {
  const t = table();
  let rec = t.get(name);
  if (!rec) {
    const native = isNativeExports(initial) ? initial : { names: Object.keys(initial), load: () => initial };
    rec = newRecord(name, native);
    t.set(name, rec);
    rec.setters.push(setter);
    const apply = deferred().get(name);
    deferred().delete(name);
    try {
      apply?.();
    } finally {
      rec.settleNative();
    }
    return rec;
  }
  for (const attr of Object.keys(rec.current)) setter(attr, rec.current[attr]);
  rec.setters.push(setter);
  return rec;
}

function isNativeExports(value: NativeExports | Record<string, unknown>): value is NativeExports {
  return Array.isArray(value.names) && typeof value.load === 'function';
}

/**
 * Record `apply` to run once, synchronously, when the facade `name` first
 * registers (replacing an earlier deferred patch of it). The facade must not
 * be loaded yet.
 *
 * @example
 * deferPatch('time', () => patchShim('time')); // runs when the app first imports 'time'
 */
export function deferPatch(name: string, apply: () => void): void {
  if (table().has(name)) throw new Error(`green-loader: the ${name} facade is already loaded; patch it directly`);
  deferred().set(name, apply);
}

/**
 * Drop the deferred patch of `name` (all of them without an argument).
 * Returns whether one was dropped.
 *
 * @example
 * cancelDeferredPatch('time'); // importing 'time' now gives the native one
 */
export function cancelDeferredPatch(name?: string): boolean {
  if (name !== undefined) return deferred().delete(name);
  const any = deferred().size > 0;
  deferred().clear();
  return any;
}

/**
 * Whether a patch of `name` waits for its facade to load.
 *
 * @example
 * isPatchDeferred('threading'); // true under the loader until the app imports it
 */
export function isPatchDeferred(name: string): boolean {
  return deferred().has(name);
}

/**
 * The registered facade of that module name, if any instance was loaded.
 *
 * @example
 * facade('time')?.current.sleep;
 */
export function facade(name: string): Facade | undefined {
  return table().get(name);
}

/**
 * What `module.attr` currently is through its facade (patched or not), or
 * `undefined` when no facade of that module was loaded.
 *
 * @example
 * const hook = currentAttr('threading', 'excepthook') as ((a: unknown) => void) | undefined;
 */
export function currentAttr(module: string, attr: string): unknown {
  return table().get(module)?.current[attr];
}
