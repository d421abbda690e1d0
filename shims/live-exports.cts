/**
 * Builds the CommonJS face of a shim facade.
 *
 * `require('threading')` must see patches made before or after it ran, so the
 * object it returns has one getter per export that reads the ES facade's live
 * binding (loaded through `require(esm)`, which shares the module instance
 * with `import`). Destructuring at require time still takes a snapshot, as
 * with any CommonJS module.
 *
 * @module
 */

/**
 * A frozen object whose enumerable getters read `namespace`'s current values.
 *
 * @example
 * import facade = require('./time.js');
 * export = liveExports(facade); // require('time').sleep is always the current sleep
 */
export function liveExports<T extends object>(namespace: T): T {
  const view = {} as T;
  for (const key of Object.keys(namespace)) {
    Object.defineProperty(view, key, {
      enumerable: true,
      get: () => (namespace as Record<string, unknown>)[key],
    });
  }
  return Object.freeze(view);
}
