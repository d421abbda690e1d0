/**
 * The facade registry: the one place that knows what `threading`, `thread`
 * and `time` currently export.
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
type Table = Map<string, FacadeRecord>;

function table(): Table {
  const g = globalThis as unknown as { [KEY]?: Table };
  return (g[KEY] ??= new Map());
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
  } else {
    for (const attr of Object.keys(rec.current)) setter(attr, rec.current[attr]);
  }
  rec.setters.push(setter);
  return rec;
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
