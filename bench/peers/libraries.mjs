/**
 * The peers' side of W1-W4 and of a worker-pool round trip, each written
 * the way that library's own documentation writes it, plus green-loader's
 * side, which imports the very functions `npm run bench` times
 * (dist/bench/w1-spawn.js, w2-w4-queue.js, w3-semaphore.js).
 *
 * Each entry maps a workload id to `(…sizes) => Promise` performing one run.
 * Where a library has no primitive for a workload (a semaphore has no
 * queue), it has no entry. A "sleep(0)" in promise code is the floor's
 * `sleep0` (bench/floor.ts): one setImmediate turn, the usual way to yield
 * in Node; Effect's `Effect.sleep(0)` is its `yieldNow`, Effection's
 * `sleep(0)` is a 0 ms timer.
 *
 * Plain .mjs on purpose: the project's tsc build never sees this folder, so
 * it builds whether or not these packages are installed.
 *
 * @module
 */

const dist = new URL('../../dist/', import.meta.url);
const taskUrl = new URL('./task.mjs', import.meta.url);

/** One setImmediate turn: the floor's sleep(0). */
function sleep0() {
  return new Promise((resolve) => setImmediate(resolve));
}

async function ours() {
  const { spawnSleepJoin } = await import(new URL('bench/w1-spawn.js', dist).href);
  const { loadQueue, pingPong, producerConsumer } = await import(new URL('bench/w2-w4-queue.js', dist).href);
  const { semaphoreRounds } = await import(new URL('bench/w3-semaphore.js', dist).href);
  const { Thread } = await import(new URL('shims/native/threading.js', dist).href);
  const queue = await loadQueue();
  if (typeof queue === 'string') throw new Error(queue);
  return {
    W1: (n) => spawnSleepJoin(n),
    W2: (n) => pingPong(queue, n),
    W3: (tasks, rounds) => semaphoreRounds(tasks, rounds),
    W4: (n) => producerConsumer(queue, n),
    // A native Thread per job, started and joined one after another (W9's shape).
    POOL: async (k) => {
      for (let i = 0; i < k; i++) {
        const t = new Thread({ target: { module: taskUrl }, args: [i] });
        await t.start();
        await t.join();
      }
    },
  };
}

async function effect() {
  const { Effect, Fiber, Queue, Semaphore } = await import('effect');
  const run = (program) => Effect.runPromise(program);
  return {
    W1: (n) =>
      run(
        Effect.gen(function* () {
          const body = Effect.gen(function* () {
            yield* Effect.sleep(0);
          });
          const fibers = new Array(n);
          for (let i = 0; i < n; i++) fibers[i] = yield* Effect.forkChild(body);
          yield* Fiber.joinAll(fibers);
        }),
      ),
    W2: (n) =>
      run(
        Effect.gen(function* () {
          const ping = yield* Queue.unbounded();
          const pong = yield* Queue.unbounded();
          const a = yield* Effect.forkChild(
            Effect.gen(function* () {
              for (let i = 0; i < n; i++) {
                yield* Queue.offer(ping, i);
                yield* Queue.take(pong);
              }
            }),
          );
          const b = yield* Effect.forkChild(
            Effect.gen(function* () {
              for (let i = 0; i < n; i++) yield* Queue.offer(pong, yield* Queue.take(ping));
            }),
          );
          yield* Fiber.joinAll([a, b]);
        }),
      ),
    W3: (tasks, rounds) =>
      run(
        Effect.gen(function* () {
          const sem = yield* Semaphore.make(1);
          const critical = sem.withPermit(Effect.sleep(0));
          const worker = Effect.gen(function* () {
            for (let i = 0; i < rounds; i++) yield* critical;
          });
          const fibers = [];
          for (let t = 0; t < tasks; t++) fibers.push(yield* Effect.forkChild(worker));
          yield* Fiber.joinAll(fibers);
        }),
      ),
    W4: (n) =>
      run(
        Effect.gen(function* () {
          const q = yield* Queue.bounded(100);
          const producer = yield* Effect.forkChild(
            Effect.gen(function* () {
              for (let i = 0; i < n; i++) yield* Queue.offer(q, i);
            }),
          );
          const consumer = yield* Effect.forkChild(
            Effect.gen(function* () {
              for (let i = 0; i < n; i++) yield* Queue.take(q);
            }),
          );
          yield* Fiber.joinAll([producer, consumer]);
        }),
      ),
  };
}

async function effection() {
  const { run, spawn, sleep, createQueue } = await import('effection');
  return {
    W1: (n) =>
      run(function* () {
        const tasks = new Array(n);
        for (let i = 0; i < n; i++) {
          tasks[i] = yield* spawn(function* () {
            yield* sleep(0);
          });
        }
        for (const task of tasks) yield* task;
      }),
    W2: (n) =>
      run(function* () {
        const ping = createQueue();
        const pong = createQueue();
        const a = yield* spawn(function* () {
          for (let i = 0; i < n; i++) {
            ping.add(i);
            yield* pong.next();
          }
        });
        const b = yield* spawn(function* () {
          for (let i = 0; i < n; i++) pong.add((yield* ping.next()).value);
        });
        yield* a;
        yield* b;
      }),
  };
}

async function pLimitLib() {
  const { default: pLimit } = await import('p-limit');
  return {
    W1: (n) => {
      const limit = pLimit(n);
      return Promise.all(Array.from({ length: n }, () => limit(() => sleep0())));
    },
    W3: (tasks, rounds) => {
      const limit = pLimit(1);
      const worker = async () => {
        for (let i = 0; i < rounds; i++) await limit(() => sleep0());
      };
      return Promise.all(Array.from({ length: tasks }, worker));
    },
  };
}

async function pQueue() {
  const { default: PQueue } = await import('p-queue');
  return {
    W1: (n) => {
      const queue = new PQueue({ concurrency: Infinity });
      for (let i = 0; i < n; i++) queue.add(() => sleep0());
      return queue.onIdle();
    },
    W3: (tasks, rounds) => {
      const queue = new PQueue({ concurrency: 1 });
      const worker = async () => {
        for (let i = 0; i < rounds; i++) await queue.add(() => sleep0());
      };
      return Promise.all(Array.from({ length: tasks }, worker));
    },
    // The queue's worker is the consumer; the producer waits for room (its backpressure idiom).
    W4: async (n) => {
      const queue = new PQueue({ concurrency: 1 });
      let consumed = 0;
      const consume = () => void consumed++;
      for (let i = 0; i < n; i++) {
        if (queue.size >= 100) await queue.onSizeLessThan(100);
        void queue.add(consume);
      }
      await queue.onIdle();
      if (consumed !== n) throw new Error(`p-queue consumed ${consumed} of ${n}`);
    },
  };
}

async function asyncMutex() {
  const { Semaphore } = await import('async-mutex');
  return {
    W3: (tasks, rounds) => {
      const sem = new Semaphore(1);
      const worker = async () => {
        for (let i = 0; i < rounds; i++) await sem.runExclusive(() => sleep0());
      };
      return Promise.all(Array.from({ length: tasks }, worker));
    },
  };
}

async function asyncSema() {
  const { Sema } = await import('async-sema');
  return {
    W3: (tasks, rounds) => {
      const sema = new Sema(1);
      const worker = async () => {
        for (let i = 0; i < rounds; i++) {
          await sema.acquire();
          try {
            await sleep0();
          } finally {
            sema.release();
          }
        }
      };
      return Promise.all(Array.from({ length: tasks }, worker));
    },
  };
}

async function esfxMutex() {
  const { AsyncMutex } = await import('@esfx/async-mutex');
  return {
    W3: (tasks, rounds) => {
      const mutex = new AsyncMutex();
      const worker = async () => {
        for (let i = 0; i < rounds; i++) {
          await mutex.lock();
          try {
            await sleep0();
          } finally {
            mutex.unlock();
          }
        }
      };
      return Promise.all(Array.from({ length: tasks }, worker));
    },
  };
}

/** A warm pool (the first run warms it), then `k` round trips one after another. */
function roundTrips(makePool) {
  let pool = null;
  return {
    POOL: async (k) => {
      pool ??= await makePool();
      for (let i = 0; i < k; i++) await pool.run(i);
    },
    close: () => pool?.destroy(),
  };
}

async function piscina() {
  const { Piscina } = await import('piscina');
  return roundTrips(() => new Piscina({ filename: taskUrl.href }));
}

async function tinypool() {
  const { Tinypool } = await import('tinypool');
  return roundTrips(() => new Tinypool({ filename: taskUrl.href }));
}

/**
 * Every library by the name the table shows: how to load it, the npm
 * package it needs (null: the project itself) and the workloads it has.
 */
export const libraries = {
  'green-loader': { load: ours, pkg: null, workloads: ['W1', 'W2', 'W3', 'W4', 'POOL'] },
  'effect 4': { load: effect, pkg: 'effect', workloads: ['W1', 'W2', 'W3', 'W4'] },
  'effection 4': { load: effection, pkg: 'effection', workloads: ['W1', 'W2'] },
  'p-limit': { load: pLimitLib, pkg: 'p-limit', workloads: ['W1', 'W3'] },
  'p-queue': { load: pQueue, pkg: 'p-queue', workloads: ['W1', 'W3', 'W4'] },
  'async-mutex': { load: asyncMutex, pkg: 'async-mutex', workloads: ['W3'] },
  'async-sema': { load: asyncSema, pkg: 'async-sema', workloads: ['W3'] },
  '@esfx/async-mutex': { load: esfxMutex, pkg: '@esfx/async-mutex', workloads: ['W3'] },
  piscina: { load: piscina, pkg: 'piscina', workloads: ['POOL'] },
  tinypool: { load: tinypool, pkg: 'tinypool', workloads: ['POOL'] },
};
