/**
 * W9 thread bodies: the least a short native thread can do, run as a
 * module target (`{ module, export: 'noop' }`) of every W9 thread; and, as
 * the floors' worker (a plain `node:worker_threads` worker, no
 * green-loader), with `workerData` `'resident'` an echo server — every
 * message posted straight back, the round trip of a hand-written worker
 * pool — or without it nothing at all (a plain `new Worker` that ends).
 *
 * @module
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * Do nothing (a thread that starts, runs and ends).
 *
 * @example
 * new Thread({ target: { module: url, export: 'noop' } });
 */
export function noop(): void {}

if (!isMainThread && workerData === 'resident') parentPort!.on('message', (message: unknown) => parentPort!.postMessage(message));
