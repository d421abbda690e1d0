/**
 * W7: heap bytes per greenlet — 100,000 greenlets blocked on one Event,
 * against the floor's pending async function. Measured in a child
 * `node --expose-gc` per side: heap used after a full GC, before and after
 * creating them, divided by N (the array holding them counts on both sides).
 * The greenlets' body is `() => event.wait()` (gevent's `spawn(event.wait)`);
 * beside it, `async_body_bytes_per_greenlet` is the same with an async body
 * (`async () => { await event.wait(); }`): the greenlet plus a pending async
 * function of its own.
 *
 * @module
 */
import { Event, joinAll, sleep, spawn } from '../runtime/index.js';
import { floorW7 } from './floor.js';
import { runChild, scaled, type Figures, type Workload } from './harness.js';

/** Heap used after full collections. */
function heapUsed(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Child side (needs `--expose-gc`): `{ bytes }` per blocked greenlet
 * (`mode` = `ours`, or `ours-async` for an async body) or per pending async
 * function (`floor`).
 *
 * @example
 * // node --expose-gc dist/bench/child.js w7-memory.js ours 100000
 */
export async function child(mode: string, count: string): Promise<Figures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('W7 child needs node --expose-gc');
  const n = Number(count);
  if (mode === 'floor') {
    const before = heapUsed(gc);
    const { release, pending } = floorW7(n);
    const bytes = (heapUsed(gc) - before) / n;
    release();
    await Promise.all(pending);
    return { bytes };
  }
  const event = new Event();
  const wait: () => Promise<unknown> =
    mode === 'ours-async'
      ? async () => {
          await event.wait();
        }
      : () => event.wait();
  await spawn(sleep).join(); // the hub and the greenlet code exist before the first reading
  const before = heapUsed(gc);
  const greenlets = new Array(n);
  for (let i = 0; i < n; i++) greenlets[i] = spawn(wait);
  await sleep(0);
  const bytes = (heapUsed(gc) - before) / n;
  event.set();
  await joinAll(greenlets);
  return { bytes };
}

/**
 * The W7 workload.
 *
 * @example
 * console.log(await w7.run(0.01)); // { bytes_per_greenlet, floor_bytes_per_greenlet, ratio }
 */
export const w7: Workload = {
  id: 'W7',
  name: 'greenlets blocked on one Event (heap B/greenlet)',
  async run(scale): Promise<Figures> {
    const n = String(scaled(100_000, scale, 100));
    const ours = (await runChild('w7-memory.js', ['ours', n], ['--expose-gc'])).bytes as number;
    const floor = (await runChild('w7-memory.js', ['floor', n], ['--expose-gc'])).bytes as number;
    const asyncBody = (await runChild('w7-memory.js', ['ours-async', n], ['--expose-gc'])).bytes as number;
    return { bytes_per_greenlet: ours, floor_bytes_per_greenlet: floor, ratio: ours / floor, async_body_bytes_per_greenlet: asyncBody };
  },
};
