/**
 * The one table of shims: a row per module that green-loader fills in.
 *
 * Everything that lists shim modules derives from {@link SHIMS}: the bare
 * specifiers the loader redirects, the names `GREEN_PATCH` and `green-run`
 * accept (the patch groups), which modules `patchAll` and friends patch, the
 * module names of the patch events, and the modules code in a native thread
 * sees. Adding a shim is one row here plus its own files: the facade
 * (`shims/NAME.ts` and its CommonJS twin `shims/NAME.cts`) and the two
 * implementations (`shims/green/NAME.ts`, `shims/native/NAME.ts`).
 *
 * Plain data with no imports, so the preload can read it without loading
 * any shim.
 *
 * @module
 */

/**
 * One shim module.
 *
 * @example
 * const row: ShimRow = { name: 'time', group: 'time' };
 */
export interface ShimRow {
  /** The bare specifier and Python module name (`threading`, `thread`, `queue`, `time`). */
  readonly name: string;
  /** The patch group that makes it green (`GREEN_PATCH`, `patchAll` option, `green-run --no-GROUP`). */
  readonly group: string;
}

/**
 * Every shim, in patch order (`patchAll` and the groups patch in this order).
 *
 * The `thread` group covers Python's `_thread` (here `thread`) and what is
 * built on it, `threading` and `queue` (Python's queue rests on threading's
 * locks, so patching threads makes it cooperative; here the green queue is the
 * runtime's); like gevent's `patch_thread`, `_thread` goes first.
 *
 * @example
 * for (const { name } of SHIMS) console.log(name); // thread, threading, queue, time
 */
export const SHIMS: readonly ShimRow[] = Object.freeze([
  { name: 'thread', group: 'thread' },
  { name: 'threading', group: 'thread' },
  { name: 'queue', group: 'thread' },
  { name: 'time', group: 'time' },
]);

/**
 * The shim module names (the bare specifiers the loader fills in).
 *
 * @example
 * SHIM_NAMES.includes('time'); // true
 */
export const SHIM_NAMES: readonly string[] = Object.freeze(SHIMS.map((row) => row.name));

/**
 * The patch groups, each once, in table order.
 *
 * @example
 * PATCH_GROUPS; // ['thread', 'time']
 */
export const PATCH_GROUPS: readonly string[] = Object.freeze([...new Set(SHIMS.map((row) => row.group))]);

/**
 * The row of a shim module, or `undefined` for any other name.
 *
 * @example
 * shimRow('threading')?.group; // 'thread'
 */
export function shimRow(name: string): ShimRow | undefined {
  return SHIMS.find((row) => row.name === name);
}

/**
 * The shim modules of one patch group, in table order.
 *
 * @example
 * modulesOfGroup('thread'); // ['thread', 'threading', 'queue']
 */
export function modulesOfGroup(group: string): string[] {
  return SHIMS.filter((row) => row.group === group).map((row) => row.name);
}

/**
 * The file of one flavour of a shim, as a URL: `facade` (the ES facade,
 * `shims/NAME.js`), `cjs` (its CommonJS twin, `shims/NAME.cjs`), `green` or
 * `native` (`shims/green/NAME.js`, `shims/native/NAME.js`).
 *
 * @example
 * shimFile('time', 'green').href; // 'file:///…/dist/shims/green/time.js'
 */
export function shimFile(name: string, flavour: 'facade' | 'cjs' | 'green' | 'native'): URL {
  const path = flavour === 'facade' ? `${name}.js` : flavour === 'cjs' ? `${name}.cjs` : `${flavour}/${name}.js`;
  return new URL(`./${path}`, import.meta.url);
}
