/**
 * W1: spawn 100,000 greenlets, each `await sleep(0)` once, then `joinAll` —
 * the cost of a greenlet's whole life, in ns per greenlet, against async
 * functions awaiting one `setImmediate` each under `Promise.all`.
 *
 * @module
 */
import { joinAll, sleep, spawn } from '../runtime/index.js';
import { scaled, versusFloor, type Figures, type Workload } from './harness.js';

async function body(): Promise<void> {
  await sleep(0);
}

/**
 * Ours: spawn `n` greenlets that each `await sleep(0)` once, then `joinAll`
 * (also run by the peers' bench, bench/peers/).
 *
 * @example
 * await spawnSleepJoin(1000);
 */
export function spawnSleepJoin(n: number): Promise<unknown> {
  const greenlets = new Array(n);
  for (let i = 0; i < n; i++) greenlets[i] = spawn(body);
  return joinAll(greenlets);
}

/**
 * The W1 workload.
 *
 * @example
 * console.log(await w1.run(0.01)); // { ns_per_op, floor_ns_per_op, ratio }
 */
export const w1: Workload = {
  id: 'W1',
  name: 'spawn + sleep(0) + joinAll (ns/greenlet)',
  async run(scale): Promise<Figures> {
    const n = scaled(100_000, scale);
    return versusFloor('W1', n, [n], () => spawnSleepJoin(n));
  },
};
