/**
 * W10: 100,000 numbers through a native `Queue(100)` from a producer
 * thread to a consumer thread (two native threads, the queue in their
 * `args`), in ns per item — against the floor a Node user would write for
 * the same two threads: a `MessageChannel` whose port the producer posts
 * every item on (w10-floor-worker.ts; unbounded, so it has no
 * back-pressure to pay for). Goal: `ratio` ≤ 2. Thread start-up is not
 * timed: both sides wait for a go signal, and the clock stops at the
 * consumer's last item.
 *
 * @module
 */
import { Worker, MessageChannel } from 'node:worker_threads';
import { scaled, tryImport, type Figures, type Workload } from './harness.js';

const MAXSIZE = 100;

interface NativeModules {
  Queue: new (maxsize: number) => unknown;
  Thread: new (options: { target: { module: URL; export: string }; args: unknown[] }) => { start(): Promise<void>; join(): Promise<void> };
  Event: new () => { set(): void };
}

const now = (): number => performance.timeOrigin + performance.now();
const sharedTimes = (): Float64Array => new Float64Array(new SharedArrayBuffer(16));

/** One pass through the native queue; ns per item. */
async function throughQueue(m: NativeModules, n: number): Promise<number> {
  const target = new URL('./w10-target.js', import.meta.url);
  const q = new m.Queue(MAXSIZE);
  const go = new m.Event();
  const end = sharedTimes();
  const threads = [
    new m.Thread({ target: { module: target, export: 'consumer' }, args: [q, n, go, end] }),
    new m.Thread({ target: { module: target, export: 'producer' }, args: [q, n, go] }),
  ];
  for (const t of threads) await t.start();
  await new Promise((resolve) => setTimeout(resolve, 50)); // let both import their module and wait on go
  const start = now();
  go.set();
  for (const t of threads) await t.join();
  if (end[1] !== (n * (n - 1)) / 2) throw new Error(`W10: the consumer got the wrong items (sum ${end[1]})`);
  return ((end[0]! - start) * 1e6) / n;
}

/** One pass through a MessageChannel between two plain workers; ns per item. */
async function throughChannel(n: number): Promise<number> {
  const file = new URL('./w10-floor-worker.js', import.meta.url);
  const { port1, port2 } = new MessageChannel();
  const end = sharedTimes();
  const spawn = (port: typeof port1, role: string): Promise<Worker> => {
    const worker = new Worker(file, { workerData: { port, role, n, end }, transferList: [port] });
    return new Promise((resolve) => worker.once('message', () => resolve(worker)));
  };
  const consumer = await spawn(port2, 'consumer');
  const producer = await spawn(port1, 'producer');
  const exited = [consumer, producer].map((w) => new Promise((resolve) => w.once('exit', resolve)));
  const start = now();
  producer.postMessage('go');
  await Promise.all(exited);
  if (end[1] !== (n * (n - 1)) / 2) throw new Error(`W10 floor: the consumer got the wrong items (sum ${end[1]})`);
  return ((end[0]! - start) * 1e6) / n;
}

/**
 * The W10 workload.
 *
 * @example
 * console.log(await w10.run(0.01)); // { ns_per_item, floor_ns_per_item, ratio }
 */
export const w10: Workload = {
  id: 'W10',
  name: 'native Queue(100): 100,000 items between two threads',
  async run(scale): Promise<Figures> {
    const dir = new URL('../shims/native/', import.meta.url);
    const queue = await tryImport<Pick<NativeModules, 'Queue'>>(new URL('queue.js', dir));
    if (typeof queue === 'string') return { skipped: queue };
    const threading = await tryImport<Omit<NativeModules, 'Queue'>>(new URL('threading.js', dir));
    if (typeof threading === 'string') return { skipped: threading };
    const n = scaled(100_000, scale, 100);
    const floor = await throughChannel(n);
    const ns = await throughQueue({ ...queue, ...threading }, n);
    return { ns_per_item: ns, floor_ns_per_item: floor, ratio: ns / floor };
  },
};
