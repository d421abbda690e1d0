/**
 * The ESM resolve hook, one function for both hook APIs: registered through
 * `module.registerHooks()` (sync, in-thread) or loaded on the hooks thread by
 * `module.register()` (which calls {@link initialize} first). It sees
 * `import`, `import()` and `import.meta.resolve`; `require()` is left to
 * resolve-filename.ts, which covers it on every Node version. It only
 * resolves and holds no patch state.
 *
 * @module
 */
import { debugLog, type DebugLog } from './debug-log.js';
import { decisionLine, isNotFound, isShimName, OWN_ROOT, shimTarget } from './decide.js';
import { packageInstalled } from './installed-package.js';

/** What the preload passes to {@link initialize}; must be structured-clonable. */
export interface HooksData {
  debug: boolean;
}

/** The parts of Node's resolve context this hook reads. */
export interface ResolveContext {
  parentURL?: string | undefined;
  conditions?: readonly string[];
}

/** A resolve hook's result. */
export interface ResolveResult {
  url: string;
  format?: string | null | undefined;
  shortCircuit?: boolean;
}

/** The next resolver in the chain: sync under registerHooks, async under register. */
export type NextResolve = (specifier: string, context?: ResolveContext) => ResolveResult | Promise<ResolveResult>;

let log: DebugLog = debugLog(false);

/**
 * Receive the preload's settings once, before any resolution (called by
 * Node for `register()`, by the preload itself for `registerHooks()`).
 *
 * @example
 * module.register(new URL('./resolve-hook.js', import.meta.url), { data: { debug: true } });
 */
export function initialize(data: HooksData): void {
  log = debugLog(data.debug);
}

/**
 * A bare shim specifier the app has no package for goes to our facade; every
 * other request is passed on untouched. Returns synchronously when `next` does.
 *
 * @example
 * // import { Thread } from 'threading'  →  file:///…/dist/shims/threading.js
 * module.registerHooks({ resolve });
 */
export function resolve(specifier: string, context: ResolveContext, next: NextResolve): ResolveResult | Promise<ResolveResult> {
  if (!isShimName(specifier)) return next(specifier, context); // the fast path: node: builtins, relative paths, packages
  const target = context.conditions?.includes('require') ? null : shimTarget(specifier, context.parentURL, 'import', OWN_ROOT);
  if (target === null) return next(specifier, context);
  const keep = (kept: ResolveResult): ResolveResult => {
    log(decisionLine('import', specifier, context.parentURL, kept.url, false));
    return kept;
  };
  const redirect = (error: unknown): ResolveResult => {
    // An installed package that fails to resolve (a broken main/exports) shows its own error.
    if (!isNotFound(error) || packageInstalled(specifier, context.parentURL)) throw error;
    log(decisionLine('import', specifier, context.parentURL, target, true));
    // The format too: a facade is an ES module, and Node then need not look for the package.json that says so (~40 µs of the import).
    return { url: target, format: 'module', shortCircuit: true };
  };
  let result: ResolveResult | Promise<ResolveResult>;
  try {
    result = next(specifier, context);
  } catch (error) {
    return redirect(error);
  }
  return result instanceof Promise ? result.then(keep, redirect) : keep(result);
}
