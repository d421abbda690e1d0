/**
 * Starting the `node:worker_threads` Worker behind a native thread.
 *
 * The worker is an `eval` worker (it inherits `execArgv` but skips
 * `--import` preloads, see `worker-options`) whose script watches the
 * worker's `process.env` for changes (see `env-watch`), switches the
 * thread's stdout and stderr to synchronous writes, imports the user's own
 * preloads (resolved from the current directory, as `--import` does), then
 * the thread runner. `workerData` carries the job and the setup: the
 * GREEN_DEBUG flag, the warm pool's settings, the process-wide ident
 * counter and, under the loader, the module that installs the loader's
 * resolve hooks in the thread. {@link workerKey} names all a worker was
 * booted with, so that a warm worker is reused only where a new one would
 * be the same.
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import { RUNTIME_SETTINGS_KEY, runtimeSettings, type RuntimeSettings } from '../../runtime/settings.js';
import { stack_size } from '../shared/stack-size.js';
import { identCounter } from './identity.js';
import { nativeDebugEnabled } from './native-debug.js';
import { poolSettings, type PoolSettings } from './pool-settings.js';
import { JOB_KEY, type ThreadJob } from './thread-job.js';
import { userPreloads } from './worker-options.js';
import { workerHooks } from './worker-hooks-url.js';

export { setWorkerHooks } from './worker-hooks-url.js';

const RUNNER = new URL('./worker-entry.js', import.meta.url).href;
const STDIO = new URL('./worker-stdio.js', import.meta.url).href;
const ENV_WATCH = new URL('./env-watch.js', import.meta.url).href;

/**
 * Key of the thread's setup in `workerData`.
 *
 * @example
 * const setup = workerData[SETUP_KEY] as ThreadSetup;
 */
export const SETUP_KEY = '__greenLoaderThreadSetup__';

/**
 * What every native thread gets besides its job.
 *
 * @example
 * const setup: ThreadSetup = { debug: false, hooks: null, pool: poolSettings(), idents: identCounter(), settings: {} };
 */
export interface ThreadSetup {
  debug: boolean;
  /** URL of a module whose `installWorkerHooks({ debug })` installs the loader's hooks, or `null`. */
  hooks: string | null;
  /** The creator's warm pool settings (the thread's own threads use them too). */
  pool: PoolSettings;
  /** The process-wide counter of warm idents (see `identity`), `null` where there is none. */
  idents: Uint32Array | null;
  /** The creator's runtime settings (spawn sites, the code cache), the thread's before its runtime loads. */
  settings: RuntimeSettings;
}

let bootstrap: string | undefined;

function bootstrapSource(): string {
  const preloads = userPreloads(process.execArgv, process.env.NODE_OPTIONS ?? '');
  // The creator's runtime settings before anything loads the runtime (the code cache is read as it loads), then the
  // environment's watch: nothing the thread runs holds the unwatched `process.env` (see env-watch).
  const settings = `globalThis[Symbol.for(${JSON.stringify(RUNTIME_SETTINGS_KEY)})] ??= (await import('node:worker_threads')).workerData[${JSON.stringify(SETUP_KEY)}].settings;`;
  const steps = [ENV_WATCH, STDIO, ...preloads, RUNNER].map((specifier) => `await import(${JSON.stringify(specifier)});`).join(' ');
  return `(async () => { ${settings} ${steps} })();`;
}

/**
 * Everything a worker started now would be booted with: stack size, hooks,
 * GREEN_DEBUG, the environment (which holds NODE_OPTIONS and so the
 * preloads; `execArgv` is fixed for the process). Two equal keys mean the
 * workers are interchangeable.
 *
 * @example
 * if (idle.key === workerKey()) reuse(idle);
 */
export function workerKey(): string {
  return JSON.stringify([stack_size(), workerHooks(), nativeDebugEnabled(), process.env]);
}

/**
 * Start a worker running `job` (already encoded for structured clone).
 * Throws a TypeError when the job cannot be cloned.
 *
 * @example
 * const worker = spawnThreadWorker(job);
 */
export function spawnThreadWorker(job: ThreadJob): Worker {
  const stackBytes = stack_size();
  const setup: ThreadSetup = { debug: nativeDebugEnabled(), hooks: workerHooks(), pool: poolSettings(), idents: identCounter(), settings: runtimeSettings() };
  try {
    return new Worker((bootstrap ??= bootstrapSource()), {
      eval: true,
      workerData: { [JOB_KEY]: job, [SETUP_KEY]: setup },
      ...(stackBytes > 0 && { resourceLimits: { stackSizeMb: stackBytes / 2 ** 20 } }),
    });
  } catch (error) {
    throw cloneError(error);
  }
}

/**
 * What to throw for an error from sending a job: a DataCloneError becomes
 * the TypeError that names what must be cloneable; anything else as it is.
 *
 * @example
 * try { worker.postMessage(job); } catch (e) { throw cloneError(e); }
 */
export function cloneError(error: unknown): unknown {
  if ((error as Error | null)?.name !== 'DataCloneError') return error;
  return new TypeError(`a native thread's args, kwargs and fields must be structured-cloneable: ${(error as Error).message}`, {
    cause: error,
  });
}
