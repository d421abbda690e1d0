/**
 * The require() path: wraps `Module._resolveFilename`, which `require()`,
 * `createRequire` and `require.resolve` all go through and which no
 * `register()` hook ever sees (tsx covers require the same way). Applies the
 * same decision as the ESM hook, with the facades' `.cjs` twins as targets.
 *
 * @module
 */
import { builtin } from '../runtime/builtin.js';
import type { DebugLog } from './debug-log.js';
import { decisionLine, isNotFound, isShimName, OWN_ROOT, shimTarget } from './decide.js';
import { packageInstalled } from './installed-package.js';

interface ParentModule {
  filename?: string | null;
}

type ResolveFilename = (this: unknown, request: string, parent: ParentModule | undefined, ...rest: unknown[]) => string;

/**
 * Wrap `Module._resolveFilename` so a bare shim name the app has no package
 * for resolves to our CommonJS facade.
 *
 * @example
 * patchResolveFilename(log);
 * require.resolve('threading'); // …/dist/shims/threading.cjs
 */
export function patchResolveFilename(log: DebugLog): void {
  const internals = builtin('node:module').Module as unknown as { _resolveFilename: ResolveFilename };
  const original = internals._resolveFilename;
  internals._resolveFilename = function resolveFilename(request, parent, ...rest) {
    // A parent without a filename is a stand-in (Node's ESM resolver builds one
    // to suggest a CommonJS match in its not-found message): not a require.
    // Almost every request is no shim name: decided before any URL is built.
    const from = isShimName(request) ? (parent?.filename ?? undefined) : undefined;
    const target = from ? shimTarget(request, builtin('node:url').pathToFileURL(from).href, 'require', OWN_ROOT) : null;
    if (target === null) return original.call(this, request, parent, ...rest);
    try {
      const kept = original.call(this, request, parent, ...rest);
      log(decisionLine('require', request, from, kept, false));
      return kept;
    } catch (error) {
      // An installed package that fails to resolve (a broken main/exports) shows its own error.
      if (!isNotFound(error) || packageInstalled(request, from)) throw error;
      log(decisionLine('require', request, from, target, true));
      return target;
    }
  };
}
