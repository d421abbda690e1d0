/**
 * Where a native thread finds the functions and classes it is given: the
 * module that declares them, which the new thread imports again.
 *
 * In the creating thread, {@link locate} looks a function or class up among
 * the top-level declarations of the app's ES modules (registered by the
 * loader's prologue, see `module-scope`), then among the exports of the
 * CommonJS modules loaded so far. A function target found nowhere is sent
 * as its source text; when the module that named it was not registered
 * (a plain `node` run without the loader), the new thread first tries that
 * module's export of the same name and source ({@link locateTarget}).
 * In the new thread, {@link inThread} and {@link targetInThread} resolve
 * those descriptions against the modules it imported.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compileFunction, functionSource } from './function-source.js';
import { findDeclaration, hasScope, readDeclaration, type Declaration } from './module-scope.js';
import { setInstanceCodec, unreachableFunction } from './shareable.js';

/**
 * A top-level declaration of an ES module, or a CommonJS export (`key`
 * `null`: `module.exports` itself).
 *
 * @example
 * const where: Where = { scope: { url: 'file:///app/main.mjs', name: 'Counter' } };
 */
export type Where = { scope: Declaration } | { cjs: string; key: string | null };

/**
 * How a function target crosses: located, or guessed (plain node: the named
 * export of the module that named it, checked against `source` there), or
 * as source text only.
 *
 * @example
 * const sent: TargetWhere = { source: '(n) => n + 1' };
 */
export type TargetWhere = Where | { guess: Declaration; source: string } | { source: string };

/**
 * A module the new thread imports before it runs: an ES module by URL, or a
 * CommonJS file by path.
 *
 * @example
 * const ref: ModuleRef = { url: 'file:///app/main.mjs' };
 */
export type ModuleRef = { url: string } | { cjs: string };

/**
 * What importing a {@link ModuleRef} gave in the new thread: the namespace
 * (ES module) or `module.exports` (CommonJS), `null` when the import stopped
 * at a thread start before an ES module finished.
 *
 * @example
 * imported.get('file:///app/main.mjs'); // { value: namespace } or { value: null }
 */
export type Imported = Map<string, { value: unknown }>;

const requireCache = createRequire(import.meta.url).cache;
const OWN_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function findExport(value: object): Where | null {
  for (const [filename, record] of Object.entries(requireCache)) {
    if (!record || filename.includes('/node_modules/') || filename.startsWith(OWN_ROOT)) continue;
    const exports = record.exports as Record<string, unknown> | null;
    if (exports === value) return { cjs: filename, key: null };
    if (exports === null || (typeof exports !== 'object' && typeof exports !== 'function')) continue;
    for (const key of Object.keys(exports)) {
      try {
        if (exports[key] === value) return { cjs: filename, key };
      } catch {
        // a throwing getter: not this one
      }
    }
  }
  return null;
}

/**
 * Where a function or class is declared (ES module top level) or exported
 * (CommonJS), or `null`.
 *
 * @example
 * locate(Counter); // { scope: { url: 'file:///app/main.mjs', name: 'Counter' } }
 */
export function locate(value: object): Where | null {
  const declared = findDeclaration(value);
  return declared ? { scope: declared } : findExport(value);
}

/**
 * How a function target crosses to a new thread. `namer` gives the URL of
 * the module that named it (asked only when needed).
 *
 * @example
 * const where = locateTarget(worker, () => callerUrl);
 */
export function locateTarget(fn: (...args: any[]) => unknown, namer: () => string | null): TargetWhere {
  const where = locate(fn);
  if (where) return where;
  const source = functionSource(fn, 'target');
  const url = fn.name ? namer() : null;
  if (url?.startsWith('file:') && !hasScope(url) && exportsName(url, fn.name)) return { guess: { url, name: fn.name }, source };
  return { source };
}

const sources = new Map<string, string | null>();

/** Whether the ES module file at `url` seems to export `name` (the new thread checks it for real). */
function exportsName(url: string, name: string): boolean {
  if (!sources.has(url)) {
    let text: string | null = null;
    try {
      text = url.endsWith('.cjs') ? null : readFileSync(fileURLToPath(url), 'utf8');
    } catch {
      // unreadable: no guess
    }
    sources.set(url, text);
  }
  const text = sources.get(url);
  if (!text) return false;
  const id = name.replace(/\$/g, '\\$');
  const declared = new RegExp(`\\bexport\\s+(?:default\\s+)?(?:async\\s+)?(?:function\\b\\s*\\*?|class\\b|const\\b|let\\b|var\\b)\\s*${id}(?![\\w$])`);
  const listed = new RegExp(`\\bexport\\s*\\{[^}]*(?<![\\w$])${id}(?![\\w$])`);
  return declared.test(text) || listed.test(text);
}

/**
 * The module a new thread must import for `where`, if any.
 *
 * @example
 * moduleOf({ scope: { url, name } }); // { url }
 */
export function moduleOf(where: TargetWhere): ModuleRef | null {
  if ('scope' in where) return { url: where.scope.url };
  if ('guess' in where) return { url: where.guess.url };
  if ('cjs' in where) return { cjs: where.cjs };
  return null;
}

/**
 * The key of a module in {@link Imported}.
 *
 * @example
 * imported.get(refKey(ref));
 */
export function refKey(ref: ModuleRef): string {
  return 'url' in ref ? ref.url : ref.cjs;
}

/**
 * In the new thread: the value `where` describes. Throws a ReferenceError
 * saying why when it is not there.
 *
 * @example
 * const Counter = inThread(where, imported) as new () => object;
 */
export function inThread(where: Where, imported: Imported): unknown {
  if ('scope' in where) {
    const result = readDeclaration(where.scope);
    if ('value' in result) return result.value;
    throw new ReferenceError(`a native thread cannot find \`${where.scope.name}\`: ${result.missing}`);
  }
  // Modules the thread was started with, else any CommonJS module it has loaded since (a queue item's function).
  const exports = (imported.get(where.cjs)?.value ?? requireCache[where.cjs]?.exports) as Record<string, unknown> | undefined;
  const value = where.key === null ? exports : exports?.[where.key];
  if (value === undefined) {
    throw new ReferenceError(`a native thread cannot find ${where.key === null ? 'module.exports' : `exports.${where.key}`} of ${where.cjs}`);
  }
  return value;
}

/**
 * In the new thread: the function a target stands for, and whether it runs
 * from its source text (then a ReferenceError gets the closure hint). A
 * guessed export whose source differs, or that is missing, falls back to
 * the source text.
 *
 * @example
 * const { fn, fromSource } = targetInThread(job.target, imported);
 */
export function targetInThread(where: TargetWhere, imported: Imported): { fn: (...args: unknown[]) => unknown; fromSource: boolean } {
  if ('guess' in where) {
    const namespace = imported.get(where.guess.url)?.value as Record<string, unknown> | null | undefined;
    const candidate = namespace?.[where.guess.name];
    if (typeof candidate === 'function' && Function.prototype.toString.call(candidate) === where.source) {
      return { fn: candidate as (...args: unknown[]) => unknown, fromSource: false };
    }
  }
  if ('source' in where) return { fn: compileFunction(where.source), fromSource: true };
  return { fn: inThread(where, imported) as (...args: unknown[]) => unknown, fromSource: false };
}

let collect: ((ref: ModuleRef) => void) | null = null;
let importedHere: Imported = new Map();

/**
 * Run `encoding` (calls to `encode`) telling `onModule` about each module
 * whose class an instance in the encoded data needs.
 *
 * @example
 * const args = collectingModules((ref) => modules.push(ref), () => encode(list, 'args'));
 */
export function collectingModules<T>(onModule: (ref: ModuleRef) => void, encoding: () => T): T {
  collect = onModule;
  try {
    return encoding();
  } finally {
    collect = null;
  }
}

/**
 * In the new thread: the modules it imported, where instances' classes are found.
 *
 * @example
 * useImported(imported); const args = decode(job.args);
 */
export function useImported(imported: Imported): void {
  importedHere = imported;
}

/** Where a function or class is, for a copy in another thread; the module it needs is collected. */
function locateForCopy(value: Function): Where | null {
  const where = locate(value);
  if (where) collect?.(moduleOf(where)!);
  return where;
}

setInstanceCodec({
  locate(value, path) {
    const cls = Object.getPrototypeOf(value)?.constructor as Function | undefined;
    const where = typeof cls === 'function' ? locateForCopy(cls) : null;
    if (where === null) {
      throw new TypeError(
        `${path} is an instance of ${cls?.name || 'an anonymous class'}, which a native thread cannot reach: what crosses to a native thread is a copy, ` +
          'and a copy of an instance needs its class declared at the top level of an app module (under the loader) or exported by a ' +
          'CommonJS module; pass plain data instead',
      );
    }
    return where;
  },
  create(where) {
    const cls = inThread(where as Where, importedHere);
    if (typeof cls !== 'function') throw new TypeError(`a native thread found no class at ${JSON.stringify(where)}`);
    return Object.create(cls.prototype as object) as object;
  },
  reference(value, path) {
    const where = locateForCopy(value);
    if (where === null) throw unreachableFunction(value, path);
    return where;
  },
  resolve(where) {
    return inThread(where as Where, importedHere);
  },
});
