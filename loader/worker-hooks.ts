/**
 * The loader inside a native thread: only its hooks.
 *
 * Workers do not inherit hooks, and a native thread skips the `--import`
 * preloads (see shims/native/worker-options.ts), so green-loader's preload
 * does not run there again: no second configuration read, no patching (a
 * native thread is native). The thread runner calls
 * {@link installWorkerHooks} before it imports the target's module, so bare
 * `threading`, `thread` and `time` resolve there as in the main thread, for
 * `import` and `require`, and app modules register their scope.
 *
 * @module
 */
import { debugLog } from './debug-log.js';
import { installHooks } from './install-hooks.js';
import { patchResolveFilename } from './resolve-filename.js';

/**
 * Install the resolve and load hooks and the require() path in this thread.
 *
 * @example
 * installWorkerHooks({ debug: false });
 */
export function installWorkerHooks(data: { debug: boolean }): void {
  installHooks({ debug: data.debug }, () => {});
  patchResolveFilename(debugLog(data.debug));
}
