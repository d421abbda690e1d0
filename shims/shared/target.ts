/**
 * What a thread runs, for both flavours: a function, or a module target
 * `{ module, export? }` (imported where the thread runs).
 *
 * A module target's `module` is a URL, a URL string (`file:`, `data:`,
 * `node:`…), a path (absolute, or relative to the module that names the
 * target — the current directory when that is unknown), or a bare package name (resolved from green-loader's own location, so it finds
 * packages installed next to it). `export` defaults to `'default'`.
 *
 * @module
 */
import { builtin } from '../../runtime/builtin.js';
import { checkFunction } from '../../runtime/validate.js';

/**
 * A function a thread can run.
 *
 * @example
 * const fn: ThreadFunction = (counter: Int32Array) => Atomics.add(counter, 0, 1);
 */
export type ThreadFunction = (...args: any[]) => unknown;

/**
 * A module target: `export` (default `'default'`) of `module`, imported in the thread.
 *
 * @example
 * new Thread({ target: { module: new URL('./worker.js', import.meta.url), export: 'crunch' } });
 */
export interface ModuleTarget {
  module: URL | string;
  export?: string;
}

/**
 * What a thread may run: a function or a module target.
 *
 * @example
 * const target: ThreadTarget = { module: './jobs.js', export: 'resize' };
 */
export type ThreadTarget = ThreadFunction | ModuleTarget;

/**
 * A module target with its specifier resolved and its export named.
 *
 * @example
 * const resolved: ResolvedModuleTarget = { module: 'file:///app/jobs.js', export: 'default' };
 */
export interface ResolvedModuleTarget {
  module: string;
  export: string;
}

/**
 * A checked target: a function, or a resolved module target.
 *
 * @example
 * const target: Target = checkTarget(options.target, 'target');
 */
export type Target = ThreadFunction | ResolvedModuleTarget;

function moduleSpecifier(module: URL | string, namer?: () => string | null): string {
  if (module instanceof URL) return module.href;
  if (/^[a-z][a-z\d+.-]+:/i.test(module)) return module;
  const { isAbsolute, resolve } = builtin('node:path');
  const { pathToFileURL } = builtin('node:url');
  if (isAbsolute(module)) return pathToFileURL(module).href;
  if (!module.startsWith('.')) return module;
  const base = namer?.();
  return base?.startsWith('file:') ? new URL(module, base).href : pathToFileURL(resolve(module)).href;
}

/**
 * Check a thread target (fail fast, naming the argument) and resolve a
 * module target's specifier; `namer` gives the URL of the module that named
 * the target, against which a relative specifier resolves.
 *
 * @example
 * const target = checkTarget(options.target, 'target', () => callerUrl);
 */
export function checkTarget(value: unknown, name: string, namer?: () => string | null): Target {
  if (typeof value === 'function') return value as ThreadFunction;
  const spec = value as Partial<ModuleTarget> | null;
  if (spec === null || typeof spec !== 'object' || !(typeof spec.module === 'string' || spec.module instanceof URL)) {
    checkFunction(value, `${name} (a function or { module, export? })`);
  }
  const exportName = spec!.export ?? 'default';
  if (typeof exportName !== 'string') throw new TypeError(`${name}.export must be a string, got ${typeof exportName}`);
  return { module: moduleSpecifier(spec!.module!, namer), export: exportName };
}

/**
 * A short label for default thread names: the function's or export's name.
 *
 * @example
 * targetLabel(function worker() {}); // 'worker'
 */
export function targetLabel(target: Target): string {
  return typeof target === 'function' ? target.name : target.export;
}

/**
 * The function a target stands for, importing a module target's module.
 *
 * @example
 * const fn = await loadTarget(target); await fn(...args);
 */
export async function loadTarget(target: Target): Promise<ThreadFunction> {
  if (typeof target === 'function') return target;
  const namespace = (await import(target.module)) as Record<string, unknown>;
  const fn = namespace[target.export];
  checkFunction(fn, `export "${target.export}" of ${target.module}`);
  return fn;
}

/**
 * Python's `Thread.run()` body: call the target with `args`, plus `kwargs`
 * as one trailing argument when given; nothing to do without a target.
 *
 * @example
 * await callTarget(target, [1, 2], { verbose: true }); // target(1, 2, { verbose: true })
 */
export async function callTarget(target: Target | null, args: unknown[], kwargs: Record<string, unknown> | null): Promise<void> {
  if (target === null) return;
  const fn = await loadTarget(target);
  await fn(...args, ...(kwargs === null ? [] : [kwargs]));
}
