/**
 * Every benchmark workload, in BENCH.md order, for bench/run.ts and the
 * smoke test.
 *
 * @module
 */
import type { Workload } from './harness.js';
import { w1 } from './w1-spawn.js';
import { w2, w4 } from './w2-w4-queue.js';
import { w3 } from './w3-semaphore.js';
import { w5 } from './w5-threads.js';
import { w6 } from './w6-startup.js';
import { w7 } from './w7-memory.js';
import { w8 } from './w8-fairness.js';
import { w9 } from './w9-warm.js';
import { w10 } from './w10-queue.js';

/**
 * W1 … W10.
 *
 * @example
 * const w3 = workloads.find((w) => w.id === 'W3');
 */
export const workloads: readonly Workload[] = [w1, w2, w3, w4, w5, w6, w7, w8, w9, w10];
