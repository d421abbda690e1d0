/**
 * The one decision every resolution path uses (ESM hooks on a hooks thread or
 * in-thread, and `Module._resolveFilename` for require): does this request
 * name a shim, and where does it go if the app has no package of that name?
 *
 * Only the shim table's bare specifiers (`threading`, `thread`, `time`) are candidates;
 * requests from our own modules are never redirected; and a candidate is
 * redirected only after the next resolver failed with not-found, so an app's
 * own `node_modules/threading` always wins. Pure: no I/O, no state.
 *
 * @module
 */
import { builtin } from '../runtime/builtin.js';
import { SHIM_NAMES } from '../shims/registry.js';

/** How a request was made: ESM (`import`, `import()`, `import.meta.resolve`) or CommonJS. */
export type ResolveMode = 'import' | 'require';

/**
 * The root of this package's build output (`dist/`), as a file URL ending in `/`.
 *
 * @example
 * shimTarget('time', parentURL, 'import', OWN_ROOT);
 */
export const OWN_ROOT = new URL('../', import.meta.url).href;

/**
 * Whether a specifier is one of the shim table's bare names: the first,
 * cheapest test every resolution makes (almost every request fails it).
 *
 * @example
 * isShimName('threading'); // true
 * isShimName('./util.js'); // false
 */
export function isShimName(specifier: string): boolean {
  return SHIM_NAMES.includes(specifier);
}

/**
 * Where a bare shim specifier would go — the facade's file URL for `import`,
 * its `.cjs` path for `require` — or `null` when the request is not ours to
 * touch (not a shim name, or made by one of our own modules).
 *
 * @example
 * shimTarget('threading', 'file:///app/main.mjs', 'import', OWN_ROOT); // 'file:///…/dist/shims/threading.js'
 * shimTarget('lodash', 'file:///app/main.mjs', 'import', OWN_ROOT);    // null
 */
export function shimTarget(specifier: string, parentURL: string | undefined, mode: ResolveMode, ownRoot: string): string | null {
  if (!isShimName(specifier)) return null;
  if (parentURL?.startsWith(ownRoot)) return null;
  const facade = new URL(`shims/${specifier}.${mode === 'require' ? 'cjs' : 'js'}`, ownRoot);
  return mode === 'require' ? builtin('node:url').fileURLToPath(facade) : facade.href;
}

/**
 * Whether a resolver's error means "no such module or package" (the only
 * error that lets a shim fill the gap; anything else is the app's problem).
 *
 * @example
 * try { return next(); } catch (e) { if (!isNotFound(e)) throw e; return redirect; }
 */
export function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * The `GREEN_DEBUG` line for one shim decision.
 *
 * @example
 * decisionLine('import', 'time', 'file:///app/a.mjs', 'file:///…/shims/time.js', true);
 * // "import 'time' from file:///app/a.mjs -> file:///…/shims/time.js (no package 'time' installed)"
 */
export function decisionLine(mode: ResolveMode, specifier: string, parent: string | undefined, target: string, redirected: boolean): string {
  const reason = redirected ? `(no package '${specifier}' installed)` : "(the app's own package)";
  return `${mode} '${specifier}' from ${parent ?? '(entry)'} -> ${target} ${reason}`;
}
