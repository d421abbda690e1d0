/**
 * Builds the CommonJS face of a shim facade.
 *
 * `require('threading')` must see patches made before or after it ran, so the
 * object it returns has one getter per export that reads the facade registry
 * (runtime/facades.ts), where every patch lands. It reads the registry's
 * table straight off `globalThis` instead of importing runtime/facades.js:
 * CommonJS that tsx compiles cannot `require()` an ES module on Node 20
 * (ERR_VM_MODULE_LINK_FAILURE), and the preload registers the ES facades
 * before the app runs, so no `require(esm)` is needed under the loader.
 * Without the loader the ES facade is loaded through `require(esm)` once.
 * Destructuring at require time still takes a snapshot, as with any
 * CommonJS module.
 *
 * @module
 */

/** The key under which runtime/facades.ts keeps its table on globalThis. */
const REGISTRY = Symbol.for('green-loader.facades');

interface RegisteredFacade {
  readonly current: Record<string, unknown>;
}

/** The registry's record of a facade, if an instance of it was loaded. */
function registered(name: string): RegisteredFacade | undefined {
  return (globalThis as { [REGISTRY]?: Map<string, RegisteredFacade> })[REGISTRY]?.get(name);
}

/**
 * A frozen object whose enumerable getters read the current exports of the
 * named facade; `loadFacade` is called first when no instance of it is
 * registered yet.
 *
 * @example
 * import type Facade = require('./time.js');
 * export = liveExports<typeof Facade>('time', () => require('./time.js'));
 */
export function liveExports<T extends object>(name: string, loadFacade: () => unknown): T {
  if (!registered(name)) loadFacade();
  const record = registered(name);
  if (!record) throw new Error(`green-loader: the ${name} facade did not register itself`);
  const view = {};
  for (const key of Object.keys(record.current)) {
    Object.defineProperty(view, key, { enumerable: true, get: () => record.current[key] });
  }
  return Object.freeze(view) as T;
}
