/**
 * The one statement the loader puts at the start of each app module so that
 * a native thread can reach the module's top-level functions and classes
 * (see `module-scope`).
 *
 * It goes first because a module may start threads before its last line
 * runs; function declarations are hoisted and `const`/`let`/`class` are read
 * later through closures, so registering at the start sees them all. It is
 * written on the first line (after a hashbang) without a line break, so
 * every line number of the module — in stack traces, in error messages, in
 * the creation sites of shared locks — stays what the user wrote.
 *
 * @module
 */
import { SCOPE_KEY } from './module-scope.js';
import { topLevelNames } from './top-level-names.js';

/**
 * `source` with the registering statement added, or `null` when the module
 * should be left untouched (it could not be scanned, or it declares
 * `globalThis` itself).
 *
 * @example
 * withScopePrologue('function work() {}');
 * // 'globalThis.__greenLoaderScope__?.(import.meta.url,()=>[["work",()=>work]]);function work() {}'
 */
export function withScopePrologue(source: string): string | null {
  const names = topLevelNames(source);
  if (names === null || names.includes('globalThis')) return null;
  let at = source.startsWith('\uFEFF') ? 1 : 0;
  if (source.startsWith('#!', at)) {
    const end = source.indexOf('\n', at);
    if (end < 0) return null;
    at = end + 1;
  }
  const table = names.map((name) => `[${JSON.stringify(name)},()=>${name}]`).join(',');
  return `${source.slice(0, at)}globalThis.${SCOPE_KEY}?.(import.meta.url,()=>[${table}]);${source.slice(at)}`;
}
