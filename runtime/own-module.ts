/**
 * @internal Loading one of this package's own ES modules synchronously, by
 * URL: how monkey patching and the preload reach a shim's modules only when
 * they are needed.
 *
 * `require()` of an ES module without top-level await gives, in one
 * synchronous step, the same instance an `import` gets. The build combines
 * the green path into one file (build/bundle-green.mjs), and that file lists
 * the modules it holds, by path under the package's root, on `globalThis`;
 * a module it holds is taken from there: requiring its file would cost a
 * module load (~2 M instructions under the loader's hooks) for a module
 * that is already evaluated. Either way it is the one instance.
 *
 * @module
 */
import { builtin } from './builtin.js';

/** Where the combined file lists its modules: package root URL → path under it → exports. */
const COMBINED = Symbol.for('green-loader.combined-modules');
/** This package's build root (dist/), as the combined file names it. */
const ROOT = new URL('../', import.meta.url).href;

let requireHere: ((id: string) => unknown) | undefined;

/**
 * The exports of this package's module at `url`, loaded now if nothing has
 * loaded it yet.
 *
 * @example
 * const { getHub } = requireOwn(new URL('./hub.js', import.meta.url)) as typeof import('./hub.js');
 */
export function requireOwn(url: URL): unknown {
  const href = url.href;
  const held = href.startsWith(ROOT) ? (globalThis as { [COMBINED]?: Map<string, Record<string, unknown>> })[COMBINED]?.get(ROOT)?.[href.slice(ROOT.length)] : undefined;
  return held ?? (requireHere ??= builtin('node:module').createRequire(import.meta.url))(builtin('node:url').fileURLToPath(url));
}
