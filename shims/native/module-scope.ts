/**
 * The top-level declarations of the app's modules, reachable from outside
 * them: how a native thread finds a module-private function or class.
 *
 * Under the loader, every app module starts with one statement (see
 * `scope-prologue`) that hands {@link SCOPE_KEY}'s function its URL and a
 * lazy table of `[name, () => name]` pairs over its top-level `function`,
 * `class`, `const`, `let` and `var` declarations. The getters are closures,
 * so they read each binding's current value whenever asked, and a binding
 * still in its temporal dead zone just throws (and is skipped). In the
 * thread that starts a thread, {@link findDeclaration} tells which module
 * declares a target or a class, under which name; in the new thread, after
 * that module was imported again, {@link readDeclaration} gets the thread's
 * own copy by that name.
 *
 * @module
 */

/**
 * The global through which a module's prologue registers its scope (a plain
 * string property: the prologue must not depend on any name a module could
 * shadow, such as `Symbol`).
 *
 * @example
 * globalThis[SCOPE_KEY]?.(import.meta.url, () => [['work', () => work]]);
 */
export const SCOPE_KEY = '__greenLoaderScope__';

/** A module's lazy table of top-level declarations. */
export type ScopeTable = () => ReadonlyArray<readonly [string, () => unknown]>;

/**
 * Where a top-level declaration lives.
 *
 * @example
 * const where: Declaration = { url: 'file:///app/main.mjs', name: 'worker' };
 */
export interface Declaration {
  url: string;
  name: string;
  /** A static member of the class (or function) declared as `name`, when the value is that member. */
  member?: string;
}

interface Scope {
  table: ScopeTable;
  entries?: ReadonlyArray<readonly [string, () => unknown]>;
}

type Registry = Map<string, Scope>;

const holder = globalThis as unknown as Record<string, unknown>;
// One registry per thread, even if two copies of this module were loaded.
const scopes: Registry = ((holder[SCOPE_KEY] as { scopes?: Registry } | undefined)?.scopes ?? new Map()) as Registry;
if (!holder[SCOPE_KEY]) {
  const register = (url: string, table: ScopeTable): void => {
    scopes.set(url, { table });
  };
  Object.defineProperty(holder, SCOPE_KEY, { value: Object.assign(register, { scopes }), configurable: true, writable: true });
}

const found = new WeakMap<object, Declaration>();

function entriesOf(scope: Scope): ReadonlyArray<readonly [string, () => unknown]> {
  return (scope.entries ??= scope.table());
}

function read(get: () => unknown): { value: unknown } | null {
  try {
    return { value: get() };
  } catch {
    return null; // still in its temporal dead zone, or not a binding after all
  }
}

/**
 * Whether a module registered its scope in this thread.
 *
 * @example
 * if (hasScope(url)) ...
 */
export function hasScope(url: string): boolean {
  return scopes.has(url);
}

/**
 * Every initialized top-level declaration of every registered module, as
 * `[url, name, value]` (bindings still in their temporal dead zone are skipped).
 *
 * @example
 * for (const [url, name, value] of declarations()) if (typeof value === 'function') ...
 */
export function* declarations(): Generator<[string, string, unknown]> {
  for (const [url, scope] of scopes) {
    for (const [name, get] of entriesOf(scope)) {
      const got = read(get);
      if (got) yield [url, name, got.value];
    }
  }
}

/** What {@link newDeclarations} remembers for one caller: per module scope, the value each declaration had when last reported. */
export type DeclarationMemo = WeakMap<object, unknown[]>;

/** A value no declaration holds: a slot not reported yet. */
const UNSEEN = Symbol('unseen');

/**
 * Call `visit(url, name, value)` for every initialized top-level
 * declaration of every registered module whose value is not the one
 * `memo` remembers for it (so each once, and again after its binding
 * was assigned another value). Cheaper than {@link declarations} for a
 * caller that asks at every thread start: one call and one comparison
 * per declaration it already saw.
 *
 * @example
 * const memo: DeclarationMemo = new WeakMap();
 * newDeclarations(memo, (url, name, value) => console.log(url, name, value));
 */
export function newDeclarations(memo: DeclarationMemo, visit: (url: string, name: string, value: unknown) => void): void {
  for (const [url, scope] of scopes) {
    const entries = entriesOf(scope);
    let seen = memo.get(scope);
    if (seen === undefined) memo.set(scope, (seen = new Array<unknown>(entries.length).fill(UNSEEN)));
    for (let i = 0; i < entries.length; i++) {
      const [name, get] = entries[i]!;
      let value: unknown;
      try {
        value = get();
      } catch {
        continue; // still in its temporal dead zone
      }
      if (value === seen[i]) continue;
      seen[i] = value;
      visit(url, name, value);
    }
  }
}

/** The own static member of `holder` that holds `value` (a data property), or `undefined`. */
function memberHolding(holder: unknown, value: object): string | undefined {
  if (typeof holder !== 'function') return undefined;
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(holder))) {
    if (descriptor.value === value && key !== 'prototype') return key;
  }
  return undefined;
}

/**
 * The module and top-level name under which `value` (a function or a class)
 * is declared, or `null` when no registered module declares it. A value
 * that is not itself declared but is a static member of a declared class
 * (a static method, a class stored in a static field) is found as that
 * member.
 *
 * @example
 * findDeclaration(worker); // { url: 'file:///app/main.mjs', name: 'worker' }
 * findDeclaration(Jobs.resize); // { url: 'file:///app/main.mjs', name: 'Jobs', member: 'resize' }
 */
export function findDeclaration(value: object): Declaration | null {
  const known = found.get(value);
  if (known) {
    const current = readDeclaration(known);
    if ('value' in current && current.value === value) return known;
  }
  let where: Declaration | null = null;
  for (const [url, name, declared] of declarations()) {
    if (declared === value) {
      where = { url, name };
      break;
    }
  }
  if (where === null) {
    for (const [url, name, declared] of declarations()) {
      const member = memberHolding(declared, value);
      if (member !== undefined) {
        where = { url, name, member };
        break;
      }
    }
  }
  if (where) found.set(value, where);
  return where;
}

/**
 * The current value of top-level `name` in the module at `url`, as seen in
 * this thread; `{ missing }` says why there is none.
 *
 * @example
 * const result = readDeclaration({ url, name: 'worker' });
 * if ('value' in result) await result.value();
 */
export function readDeclaration(where: Declaration): { value: unknown } | { missing: string } {
  const scope = scopes.get(where.url);
  if (!scope) return { missing: `${where.url} was not loaded through green-loader's hooks in this thread` };
  const entry = entriesOf(scope).find(([name]) => name === where.name);
  if (!entry) return { missing: `${where.url} declares no top-level \`${where.name}\`` };
  const declared = read(entry[1]);
  if (!declared) return { missing: `\`${where.name}\` in ${where.url} was not initialized before the module's first thread start` };
  if (where.member === undefined) return declared;
  const holder = declared.value as Record<string, unknown> | null;
  if ((typeof holder === 'function' || (typeof holder === 'object' && holder !== null)) && Object.hasOwn(holder, where.member)) {
    return { value: holder[where.member] };
  }
  return { missing: `\`${where.name}\` in ${where.url} has no static member \`${where.member}\`` };
}
