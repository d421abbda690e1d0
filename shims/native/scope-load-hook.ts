/**
 * The load hook that adds the scope prologue (`scope-prologue`) to the app's
 * ES modules: `file:` URLs outside `node_modules` and outside green-loader,
 * in `module` or `module-typescript` format (after any other loader, such as
 * tsx, produced them). One function for both hook APIs: synchronous when the
 * next loader is (`module.registerHooks()`), a Promise otherwise
 * (`module.register()`). CommonJS is left alone (a native thread reaches a
 * CommonJS target through `module.exports`).
 *
 * @module
 */
import { withScopePrologue } from './scope-prologue.js';

/** The parts of a load result this hook reads and writes. */
export interface LoadResult {
  format?: string | null | undefined;
  source?: string | ArrayBuffer | ArrayBufferView | null | undefined;
  shortCircuit?: boolean;
}

/** The next loader in the chain. */
export type NextLoad = (url: string, context?: unknown) => LoadResult | Promise<LoadResult>;

const OWN_ROOT = new URL('../../', import.meta.url).href;
const FORMATS = new Set(['module', 'module-typescript']);

/**
 * Whether a module at `url` is the app's own (its scope gets registered).
 *
 * @example
 * isAppModule('file:///app/main.mjs'); // true
 * isAppModule('file:///app/node_modules/x/index.js'); // false
 */
export function isAppModule(url: string): boolean {
  return url.startsWith('file:') && !url.includes('/node_modules/') && !url.startsWith(OWN_ROOT);
}

function withPrologue(url: string, result: LoadResult): LoadResult {
  if (!isAppModule(url) || !FORMATS.has(result.format ?? '') || result.source == null) return result;
  const { source } = result;
  const text =
    typeof source === 'string'
      ? source
      : new TextDecoder().decode(source instanceof ArrayBuffer ? source : new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
  const changed = withScopePrologue(text);
  return changed === null ? result : { ...result, source: changed };
}

/**
 * Load hook: the next loader's result, with the scope prologue added to an
 * app module.
 *
 * @example
 * module.registerHooks({ load });
 */
export function load(url: string, context: unknown, next: NextLoad): LoadResult | Promise<LoadResult> {
  const result = next(url, context);
  return result instanceof Promise ? result.then((loaded) => withPrologue(url, loaded)) : withPrologue(url, result);
}
