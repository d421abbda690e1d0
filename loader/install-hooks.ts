/**
 * Registers the ESM resolve hook the best way this Node version allows:
 * `module.registerHooks()` (in-thread, ~4 ms) where it is safe, else
 * `module.register()` (a hooks thread, Node 20). Either way require() is
 * covered separately by resolve-filename.ts. Beside it, the load hook that
 * lets native threads reach module-private targets (shims/native/
 * scope-load-hook.ts), and the native shim learns how its threads get the
 * same hooks (loader/worker-hooks.ts) and whether GREEN_DEBUG is on.
 *
 * @module
 */
import { builtin } from '../runtime/builtin.js';
import type { DebugLog } from './debug-log.js';
import { hasSafeRegisterHooks } from './sync-hooks-support.js';
import { initialize, resolve, type HooksData } from './resolve-hook.js';
import { setNativeDebug } from '../shims/native/native-debug.js';
import { load } from '../shims/native/scope-load-hook.js';
import { setWorkerHooks } from '../shims/native/worker-hooks-url.js';

/** `module.registerHooks`, which @types/node 20 does not declare. */
type RegisterHooks = (hooks: { resolve: typeof resolve; load: typeof load }) => unknown;

/**
 * Register the resolve hook; returns which API was used.
 *
 * @example
 * installHooks({ debug: false }, log); // 'registerHooks' on Node >= 22.22.3
 */
export function installHooks(data: HooksData, log: DebugLog): 'registerHooks' | 'register' {
  setNativeDebug(data.debug);
  setWorkerHooks(new URL('./worker-hooks.js', import.meta.url).href);
  const module = builtin('node:module');
  const registerHooks = (module as unknown as { registerHooks?: RegisterHooks }).registerHooks;
  if (registerHooks && hasSafeRegisterHooks(process.versions.node)) {
    initialize(data);
    registerHooks({ resolve, load }); // one registration: one more link in each chain, not two
    log('hooks: module.registerHooks() (in-thread)');
    return 'registerHooks';
  }
  module.register(new URL('./thread-hooks.js', import.meta.url), { data });
  log('hooks: module.register() (hooks thread)');
  return 'register';
}
