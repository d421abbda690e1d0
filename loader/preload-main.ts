/**
 * What the `green-loader` entry (`node --import green-loader app.js`) runs:
 * `loader/preload.ts` runs this module's combined code through V8's code
 * cache (the build writes it as dist/loader/preload-main.code.js).
 *
 * In order, once per thread (a `Symbol.for` flag on globalThis makes a second
 * copy — NODE_OPTIONS plus --import — do nothing): read and validate the
 * configuration (a bad value stops startup with exit code 1 before any hook
 * or hooks thread exists), record the patches GREEN_PATCH asks for, register
 * the ESM resolve hook, then wrap `Module._resolveFilename` for require() —
 * all before the app's first line runs. Importing it has these side effects
 * only.
 *
 * No shim module is loaded here: each recorded patch is applied when the app
 * first imports that shim, as its facade registers (see
 * shims/shared/live-facades.ts), so a `node` that never imports a shim — every
 * tool a container starts with NODE_OPTIONS — pays only for the hooks. The
 * build combines this module and the ones it imports into one code file
 * (build/bundle-preload.mjs): what that `node` loads is one module and that
 * file.
 *
 * @example
 * // node --import green-loader app.js
 * // GREEN_PATCH=all,-time GREEN_DEBUG=1 node --import green-loader app.js
 *
 * @module
 */
import { ConfigError, readConfig, type LoaderConfig } from './config.js';
import { debugLog, type DebugLog } from './debug-log.js';
import { installHooks } from './install-hooks.js';
import { patchResolveFilename } from './resolve-filename.js';
import { builtin } from '../runtime/builtin.js';
import { describeRun, type CachedRun } from '../runtime/cached-script.js';
import { requireOwn } from '../runtime/own-module.js';
import { provideRuntimeSettings } from '../runtime/settings.js';
import { setPoolSettings } from '../shims/native/pool-settings.js';
import { PATCH_GROUPS, SHIMS } from '../shims/registry.js';
import { deferPatch } from '../shims/shared/live-facades.js';

const INSTALLED = Symbol.for('green-loader.preload');
/** What loader/preload.ts's run of this code found in the code cache, for GREEN_DEBUG. */
const PRELOAD_RUN = Symbol.for('green-loader.preload-run');

/** The configuration, or exit 1 with the message (no hook registered yet). */
function configOrExit(): LoaderConfig {
  try {
    return readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    debugLog(true)(error.message);
    process.exit(1);
  }
}

/** Patch one shim as its facade loads, telling GREEN_DEBUG what was done. */
function patchOnLoad(name: string, log: DebugLog): void {
  // Loaded only now, synchronously: the app is importing this shim.
  const { subscribe, DidPatchModuleEvent } = requireOwn(new URL('../monkey/events.js', import.meta.url)) as typeof import('../monkey/events.js');
  const { patchShimAtLoad } = requireOwn(new URL('../monkey/patch-all.js', import.meta.url)) as typeof import('../monkey/patch-all.js');
  const unsubscribe = subscribe((event) => {
    if (event instanceof DidPatchModuleEvent) log(`patched ${event.moduleName}: ${event.items.join(', ')}`);
  });
  try {
    patchShimAtLoad(name);
  } finally {
    unsubscribe();
  }
}

/** Record the patches the configuration asks for, each applied when its shim is first imported. */
function deferPatches(config: LoaderConfig, log: DebugLog): void {
  const groups = PATCH_GROUPS.map((group) => `${group}: ${config.patch[group] ? 'yes' : 'no'}`).join(', ');
  log(`GREEN_PATCH=${process.env.GREEN_PATCH ?? '(unset: all)'} -> ${groups}`);
  for (const { name, group } of SHIMS) if (config.patch[group]) deferPatch(name, () => patchOnLoad(name, log));
}

const flags = globalThis as { [INSTALLED]?: boolean };
if (!flags[INSTALLED]) {
  flags[INSTALLED] = true;
  const config = configOrExit();
  const log = debugLog(config.debug);
  const run = (globalThis as { [PRELOAD_RUN]?: CachedRun })[PRELOAD_RUN];
  if (run) log(describeRun('preload-main.code.js', run));
  provideRuntimeSettings({ spawnSites: config.spawnSites, codeCache: config.codeCache ?? undefined, debug: config.debug });
  setPoolSettings(config.nativePool);
  deferPatches(config, log);
  installHooks({ debug: config.debug }, log);
  patchResolveFilename(log);
  // The debugging aids load the runtime, so only when asked for; signals and
  // the inspector's pause reach only the main thread.
  if ((config.runInfoSignal || config.monitor) && builtin('node:worker_threads').isMainThread) {
    const runtime = await import('../runtime/index.js');
    if (config.runInfoSignal) runtime.installRunInfoSignal(config.runInfoSignal);
    if (config.monitor) runtime.startMonitor({ maxBlockingTime: config.monitor });
  }
}
