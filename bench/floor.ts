/**
 * The floor: the least a promise-based scheduler can do, hand-written with no
 * library, per BENCH.md — async functions, `Promise.all`, a small promise
 * queue, a promise FIFO mutex and `sleep(0)` as one `setImmediate` turn.
 * Every workload is reported as a ratio to its floor, measured in the same
 * run, because the machine is shared and noisy. The floor runs in a bare
 * child process (`child` below): once the runtime has used its
 * AsyncLocalStorage, Node's promise hooks make every promise in the process
 * 2–3× slower, which would raise the floor and flatter the ratio.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import type { Figures } from './harness.js';

/**
 * `sleep(0)` of the floor: one event-loop turn.
 *
 * @example
 * await sleep0();
 */
export function sleep0(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A promise queue: `put` hands the item straight to a waiting getter; when
 * full (`maxsize`) it waits for a `get` to make room.
 *
 * @example
 * const q = new FloorQueue<number>(100);
 * await q.put(1);
 * await q.get(); // 1
 */
export class FloorQueue<T> {
  private readonly items: T[] = [];
  private readonly getters: ((item: T) => void)[] = [];
  private readonly putters: (() => void)[] = [];

  constructor(private readonly maxsize = Infinity) {}

  put(item: T): void | Promise<void> {
    const getter = this.getters.shift();
    if (getter) return getter(item);
    if (this.items.length < this.maxsize) return void this.items.push(item);
    return new Promise<void>((resolve) => this.putters.push(resolve)).then(() => this.put(item));
  }

  get(): Promise<T> {
    if (this.items.length === 0) return new Promise((resolve) => this.getters.push(resolve));
    this.putters.shift()?.();
    return Promise.resolve(this.items.shift()!);
  }
}

/**
 * A FIFO mutex: `release` hands the lock to the oldest waiter.
 *
 * @example
 * const m = new FloorMutex();
 * await m.acquire();
 * m.release();
 */
export class FloorMutex {
  private locked = false;
  private readonly waiters: (() => void)[] = [];

  acquire(): Promise<void> {
    if (this.locked) return new Promise((resolve) => this.waiters.push(resolve));
    this.locked = true;
    return Promise.resolve();
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }
}

/**
 * W1 floor: `n` async functions each `sleep0()` once, `Promise.all`.
 *
 * @example
 * await floorW1(1000);
 */
export async function floorW1(n: number): Promise<void> {
  const tasks: Promise<void>[] = new Array(n);
  for (let i = 0; i < n; i++) tasks[i] = (async () => void (await sleep0()))();
  await Promise.all(tasks);
}

/**
 * W2 floor: two async functions pass a token through two unbounded queues, `n` round trips.
 *
 * @example
 * await floorW2(1000);
 */
export async function floorW2(n: number): Promise<void> {
  const ping = new FloorQueue<number>();
  const pong = new FloorQueue<number>();
  const a = async () => {
    for (let i = 0; i < n; i++) {
      await ping.put(i);
      await pong.get();
    }
  };
  const b = async () => {
    for (let i = 0; i < n; i++) await pong.put(await ping.get());
  };
  await Promise.all([a(), b()]);
}

/**
 * W3 floor: `tasks` async functions, each `rounds` × (acquire a FIFO mutex; sleep0; release).
 *
 * @example
 * await floorW3(10, 10);
 */
export async function floorW3(tasks: number, rounds: number): Promise<void> {
  const mutex = new FloorMutex();
  const worker = async () => {
    for (let i = 0; i < rounds; i++) {
      await mutex.acquire();
      await sleep0();
      mutex.release();
    }
  };
  await Promise.all(Array.from({ length: tasks }, worker));
}

/**
 * W4 floor: a producer and a consumer move `n` items through a queue of 100.
 *
 * @example
 * await floorW4(1000);
 */
export async function floorW4(n: number): Promise<void> {
  const q = new FloorQueue<number>(100);
  const producer = async () => {
    for (let i = 0; i < n; i++) await q.put(i);
  };
  const consumer = async () => {
    for (let i = 0; i < n; i++) await q.get();
  };
  await Promise.all([producer(), consumer()]);
}

/**
 * W7 floor: `n` async functions pending on one promise. Returns the release
 * function and the pending promises (kept alive while the heap is measured).
 *
 * @example
 * const { release, pending } = floorW7(1000);
 * release();
 * await Promise.all(pending);
 */
export function floorW7(n: number): { release: () => void; pending: Promise<void>[] } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const pending: Promise<void>[] = new Array(n);
  for (let i = 0; i < n; i++) pending[i] = (async () => void (await gate))();
  return { release, pending };
}

/**
 * The floor of each speed workload by id, taking its sizes as numbers.
 *
 * @example
 * await floors.W3!(1000, 100);
 */
export const floors: Record<string, (...args: number[]) => Promise<void>> = {
  W1: floorW1,
  W2: floorW2,
  W3: floorW3 as (...args: number[]) => Promise<void>,
  W4: floorW4,
};

/**
 * Child side, in a process that never loads the runtime: run floor `id`
 * with `args` once to warm up, then once timed; `{ ms }`.
 *
 * @example
 * // node dist/bench/child.js floor.js W3 1000 100
 */
export async function child(id: string, ...args: string[]): Promise<Figures> {
  const floor = floors[id];
  if (!floor) throw new Error(`no floor for ${id}`);
  const numbers = args.map(Number);
  await floor(...numbers);
  const start = performance.now();
  await floor(...numbers);
  return { ms: performance.now() - start };
}
