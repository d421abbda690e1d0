/**
 * Builds the CommonJS face of a shim facade.
 *
 * `require('threading')` must see patches made before or after it ran, so the
 * object it returns has one getter per export that reads the facade registry
 * (shared/live-facades.ts), where every patch lands. When no instance of the ES
 * facade is registered yet, it is loaded through `require(esm)` with a
 * genuine CommonJS `require` made by `createRequire`: the `require` that
 * CommonJS gets when tsx compiles it on Node 20 cannot load ES modules
 * (ERR_VM_MODULE_LINK_FAILURE). For the same reason the registry's table is
 * read straight off `globalThis` rather than through live-facades.js.
 * Destructuring at require time still takes a snapshot, as with any
 * CommonJS module.
 *
 * @module
 */

import nodeModule = require('node:module');

/** The key under which shared/live-facades.ts keeps its table on globalThis. */
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
 * named facade; the ES module at `facadePath` (an absolute path) is loaded
 * first when no instance of the facade is registered yet.
 *
 * @example
 * import type Facade = require('./time.js');
 * export = liveExports<typeof Facade>('time', `${__dirname}/time.js`);
 */
export function liveExports<T extends object>(name: string, facadePath: string): T {
  if (!registered(name)) nodeModule.createRequire(__filename)(facadePath);
  const record = registered(name);
  if (!record) throw new Error(`green-loader: the ${name} facade did not register itself`);
  const view = {};
  for (const key of Object.keys(record.current)) {
    Object.defineProperty(view, key, { enumerable: true, get: () => record.current[key] });
  }
  return Object.freeze(view) as T;
}
