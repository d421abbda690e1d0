/**
 * Loading a shim's facade or green implementation on demand, synchronously.
 *
 * Patching is synchronous like gevent's, yet nothing of a shim is loaded
 * until it is patched or imported. The modules are ES modules without
 * top-level await, so `require()` loads them in one synchronous step — the
 * same module instances an `import` gets. Which files make up a shim comes
 * from the shim table.
 *
 * @module
 */
import { requireOwn } from '../runtime/own-module.js';
import { shimFile, shimRow } from '../shims/registry.js';
import { facade, type Facade } from '../shims/shared/live-facades.js';
import type { PatchSource } from './patch-module.js';

/**
 * A green shim module, per its contract: what it replaces (`__target__`) and
 * which names (`__implements__`).
 *
 * @example
 * const green: GreenModule = loadGreen('time');
 * patchModule('time', green);
 */
export interface GreenModule extends PatchSource {
  readonly __implements__: readonly string[];
  readonly __target__: string;
}

/**
 * The registered facade of `name`, loading it first when `name` is a shim of
 * the table that nothing has imported yet; `undefined` for other names.
 *
 * @example
 * loadFacade('threading')?.current.Thread; // the facade's Thread right now
 */
export function loadFacade(name: string): Facade | undefined {
  const found = facade(name);
  if (found || !shimRow(name)) return found;
  requireOwn(shimFile(name, 'facade'));
  return facade(name);
}

/**
 * The green implementation of shim `name`, checked against its contract.
 *
 * @example
 * loadGreen('thread').__implements__; // ['start_new_thread', …]
 */
export function loadGreen(name: string): GreenModule {
  const module = requireOwn(shimFile(name, 'green')) as GreenModule;
  if (module.__target__ !== name || !Array.isArray(module.__implements__)) {
    throw new Error(`green-loader: shims/green/${name} does not declare __target__ '${name}' and __implements__`);
  }
  return module;
}
