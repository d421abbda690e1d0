/**
 * `green-loader/runtime`: the greenlet toolkit — gevent's API with JavaScript
 * names. Importing it has no side effects; the hub is created on first use.
 *
 * @example
 * import { spawn, sleep, joinAll } from 'green-loader/runtime';
 * const gs = [1, 2, 3].map((n) => spawn(async () => { await sleep(0.01 * n); return n; }));
 * await joinAll(gs);
 *
 * @module
 */
export { GreenError, GreenletExit, LoopExit, Full, Empty, ShutDown, LockError, InvalidState } from './errors.js';
export { getCurrent } from './current.js';
export { Hub, getHub, type HubCallback } from './hub.js';
export { Greenlet, spawn, spawnLater, type GetOptions, type KillOptions, type LinkCallback } from './greenlet.js';
export { sleep, idle, waitFor } from './sleep.js';
export { Timeout, withTimeout, type WithTimeoutOptions } from './timeout.js';
export { Event, AsyncResult, type RawLink, type ResultGetOptions } from './event.js';
export { Semaphore, BoundedSemaphore, DummySemaphore, RLock, type Held } from './lock.js';
export { wait, iwait, joinAll, killAll, type Waitable, type WaitOptions, type JoinAllOptions, type KillAllOptions } from './wait.js';
export { Queue, JoinableQueue, LifoQueue, PriorityQueue, SimpleQueue, Channel, QueueBase, type QueueOptions, type Comparator } from './queue.js';
export { Group, Pool, DEFAULT_IMAP_MAXSIZE, type GroupJoinOptions, type ImapOptions } from './pool.js';
export { local, Local } from './local.js';
export { formatRunInfo, installRunInfoSignal, type GreenletInfo, type GreenletState, type RunInfoOptions, type WaitInfo } from './run-info.js';
export { startMonitor, type Monitor, type MonitorOptions } from './monitor.js';
export { describeWait, type SelfDescribing } from './describe.js';
export type { ErrorClass } from './validate.js';
