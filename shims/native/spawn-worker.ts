/**
 * Starting the `node:worker_threads` Worker behind a native thread.
 *
 * The worker is an `eval` worker (eval workers skip `--import` preloads)
 * whose one line imports the thread runner by absolute file URL, with preload
 * flags filtered out of `execArgv` and green-loader's `--import` out of
 * `NODE_OPTIONS`.
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import { stack_size } from '../shared/stack-size.js';
import { JOB_KEY } from './thread-job.js';
import { workerExecArgv, workerNodeOptions } from './worker-options.js';

const RUNNER = new URL('./worker-entry.js', import.meta.url).href;
const BOOTSTRAP = `import(${JSON.stringify(RUNNER)});`;

/**
 * Start a worker running `job` (already encoded for structured clone).
 * Throws a TypeError when the job cannot be cloned (a function in `args`…).
 *
 * @example
 * const worker = spawnThreadWorker(encode(job));
 */
export function spawnThreadWorker(job: unknown): Worker {
  const nodeOptions = process.env.NODE_OPTIONS;
  const workerOptions = nodeOptions === undefined ? nodeOptions : workerNodeOptions(nodeOptions);
  const stackBytes = stack_size();
  // Pass execArgv only when a preload flag had to go: an explicit list is
  // validated per flag, and some runners' execArgv (Node 24's test runner
  // children) holds process-wide flags a Worker refuses; inheriting works.
  const execArgv = workerExecArgv(process.execArgv);
  const inherit = execArgv.length === process.execArgv.length;
  let worker: Worker;
  try {
    worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { [JOB_KEY]: job },
      ...(!inherit && { execArgv }),
      ...(workerOptions !== nodeOptions && { env: { ...process.env, NODE_OPTIONS: workerOptions } }),
      ...(stackBytes > 0 && { resourceLimits: { stackSizeMb: stackBytes / 2 ** 20 } }),
    });
  } catch (error) {
    if ((error as Error | null)?.name !== 'DataCloneError') throw error;
    throw new TypeError(`a native thread's args, kwargs and fields must be structured-cloneable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return worker;
}
