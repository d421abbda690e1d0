/**
 * The `queue` facade: what `import … from 'queue'` resolves to under the
 * loader (when the app has no npm package named `queue`), and what
 * `green-loader/queue` is — Python's queue module.
 *
 * Every export is an `export let` live binding that starts as the native
 * implementation (items cross real threads through shared memory) and is
 * reassigned only here, through the facade registry, when monkey patching
 * swaps in the green one (the runtime's queues: waits yield to the hub).
 *
 * The native implementation is loaded only when a value of it is needed: a
 * facade whose patch is pending (the preload's GREEN_PATCH) comes up green
 * and never loads it unless an original is asked for (`getOriginal`,
 * `saved`, `unpatch`); see shims/shared/live-facades.ts.
 *
 * @example
 * import { Queue, Empty } from 'green-loader/queue';
 * const q = new Queue(10);
 * await q.put('job');
 * console.log(await q.get());
 *
 * @module
 */
import type * as native from './native/queue.js';
import { nativeExports, registerFacade } from './shared/live-facades.js';

/** A FIFO queue with optional `maxsize` back-pressure, joinable. @example const q = new Queue(100); await q.put(1); */
export let Queue: typeof native.Queue;
/** A last-in, first-out queue. @example const stack = new LifoQueue(); */
export let LifoQueue: typeof native.LifoQueue;
/** A queue that returns its smallest item first. @example const pq = new PriorityQueue(); await pq.put([1, 'urgent']); */
export let PriorityQueue: typeof native.PriorityQueue;
/** An unbounded FIFO queue without task tracking. @example const sq = new SimpleQueue(); */
export let SimpleQueue: typeof native.SimpleQueue;
/** Raised by a non-blocking or timed-out `get` on an empty queue. @example try { q.get_nowait(); } catch (e) { if (e instanceof Empty) …; } */
export let Empty: typeof native.Empty;
/** Raised by a non-blocking or timed-out `put` on a full queue. @example try { q.put_nowait(x); } catch (e) { if (e instanceof Full) …; } */
export let Full: typeof native.Full;
/** Raised by `put`/`get` on a queue that was shut down. @example q.shutdown(); */
export let ShutDown: typeof native.ShutDown;

registerFacade(
  'queue',
  nativeExports(import.meta.url, './native/queue.js', ['Queue', 'LifoQueue', 'PriorityQueue', 'SimpleQueue', 'Empty', 'Full', 'ShutDown']),
  (attr, value: any) => {
    switch (attr) {
      case 'Queue': Queue = value; break;
      case 'LifoQueue': LifoQueue = value; break;
      case 'PriorityQueue': PriorityQueue = value; break;
      case 'SimpleQueue': SimpleQueue = value; break;
      case 'Empty': Empty = value; break;
      case 'Full': Full = value; break;
      case 'ShutDown': ShutDown = value; break;
    }
  },
);
