/**
 * W3: 1,000 greenlets, each 100 × (acquire a shared Semaphore(1); `sleep(0)`;
 * release), in ns per acquire. The floor pays one event-loop turn per
 * `sleep(0)`; a hub that runs ready greenlets from its own queue beats it.
 *
 * @module
 */
import { joinAll, Semaphore, sleep, spawn } from '../runtime/index.js';
import { scaled, versusFloor, type Figures, type Workload } from './harness.js';

const ROUNDS = 100;

/**
 * Ours: `tasks` greenlets, each `rounds` × (acquire a shared Semaphore(1);
 * `sleep(0)`; release), joined (also run by the peers' bench, bench/peers/).
 *
 * @example
 * await semaphoreRounds(10, 100);
 */
export function semaphoreRounds(tasks: number, rounds: number): Promise<unknown> {
  const sem = new Semaphore(1);
  const worker = async () => {
    for (let i = 0; i < rounds; i++) {
      await sem.acquire();
      await sleep(0);
      sem.release();
    }
  };
  return joinAll(Array.from({ length: tasks }, () => spawn(worker)));
}

/**
 * The W3 workload.
 *
 * @example
 * console.log(await w3.run(0.01)); // { ns_per_op, floor_ns_per_op, ratio }
 */
export const w3: Workload = {
  id: 'W3',
  name: 'Semaphore(1) acquire/sleep(0)/release (ns/acquire)',
  async run(scale): Promise<Figures> {
    const tasks = scaled(1000, scale);
    return versusFloor('W3', tasks * ROUNDS, [tasks, ROUNDS], () => semaphoreRounds(tasks, ROUNDS));
  },
};
