/**
 * The `green-loader` entry: `node --import green-loader app.js`.
 *
 * In order, once per thread (a `Symbol.for` flag on globalThis makes a second
 * copy — NODE_OPTIONS plus --import — do nothing): read and validate the
 * configuration (a bad value stops startup with exit code 1 before any hook
 * or hooks thread exists), patch per GREEN_PATCH, register the ESM resolve
 * hook, then wrap `Module._resolveFilename` for require() — all before
 * the app's first line runs. Importing it has these side effects only.
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
import { DidPatchModuleEvent, patchAll, subscribe } from '../monkey/index.js';

const INSTALLED = Symbol.for('green-loader.preload');

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

/** Patch per the configuration, telling GREEN_DEBUG what was decided and done. */
async function patch(config: LoaderConfig, log: DebugLog): Promise<void> {
  const yesNo = (on: boolean) => (on ? 'yes' : 'no');
  log(`GREEN_PATCH=${process.env.GREEN_PATCH ?? '(unset: all)'} -> thread: ${yesNo(config.patch.thread)}, time: ${yesNo(config.patch.time)}`);
  const unsubscribe = subscribe((event) => {
    if (event instanceof DidPatchModuleEvent) log(`patched ${event.moduleName}: ${event.items.join(', ')}`);
  });
  try {
    await patchAll(config.patch);
  } finally {
    unsubscribe();
  }
}

const flags = globalThis as { [INSTALLED]?: boolean };
if (!flags[INSTALLED]) {
  flags[INSTALLED] = true;
  const config = configOrExit();
  const log = debugLog(config.debug);
  // Patch first: the ~60 modules patching loads then resolve in this thread,
  // not one round trip each to Node 20's hooks thread (about 30 ms saved).
  await patch(config, log);
  installHooks({ debug: config.debug }, log);
  patchResolveFilename(log);
}
