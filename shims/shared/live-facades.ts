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
 *
 * @module
 */

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
}

interface FacadeRecord extends Facade {
  readonly setters: FacadeSetter[];
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
 * Register one instance of a facade. The first registration fixes the initial
 * exports; a later instance of the same facade (a second package copy) is
 * brought up to date with the current values at once.
 *
 * @example
 * export let sleep = native.sleep;
 * registerFacade('time', { sleep }, (attr, v) => { if (attr === 'sleep') sleep = v as typeof sleep; });
 */
export function registerFacade(name: string, initial: Record<string, unknown>, setter: FacadeSetter): Facade {
  const t = table();
  let rec = t.get(name);
  if (!rec) {
    const current: Record<string, unknown> = { ...initial };
    const setters: FacadeSetter[] = [];
    rec = {
      name,
      current,
      setters,
      set(attr: string, value: unknown): void {
        current[attr] = value;
        for (const s of setters) s(attr, value);
      },
    };
    t.set(name, rec);
    rec.setters.push(setter);
    const apply = deferred().get(name);
    deferred().delete(name);
    apply?.();
    return rec;
  }
  for (const attr of Object.keys(rec.current)) setter(attr, rec.current[attr]);
  rec.setters.push(setter);
  return rec;
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
