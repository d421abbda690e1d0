/**
 * Who the calling OS thread is: Python's `get_ident()` and `get_native_id()`.
 *
 * `get_ident()` is stable for the thread's life, unique among the threads
 * of the process, never 0 (0 means "no owner" in the shared RLock) and fits
 * an Int32 cell. A thread that boots a new worker gets `threadId + 1` of
 * `node:worker_threads` (the main thread is 1). A thread that runs on a
 * warm worker (see `thread-pool`) gets the next number of one process-wide
 * counter from 2^24 up, a range no `threadId` reaches, so it never shares
 * an ident with an earlier thread of the same worker; the counter is shared
 * by every native thread (it crosses in `workerData`) and repeats only after
 * about 2.1 billion warm starts. `get_native_id()` (the kernel's thread id)
 * is the flavour-neutral one of `shared/os-thread-id`: threads that run one
 * after another on the same warm worker share it, as the OS recycles ids.
 *
 * @module
 */
import { isMainThread, threadId } from 'node:worker_threads';

/** The first ident of a thread on a warm worker (above any `threadId + 1`). */
const WARM_BASE = 2 ** 24;
/** How many warm idents there are before they repeat (all fit an Int32). */
const WARM_SPAN = 2 ** 31 - 1 - WARM_BASE;

let ident = threadId + 1;
let counter: Uint32Array | null | undefined;

/**
 * The calling thread's identifier (`threadId + 1` on its own worker; the main thread is 1).
 *
 * @example
 * const me = get_ident();
 */
export function get_ident(): number {
  return ident;
}

/**
 * Set what {@link get_ident} returns in this worker (the thread runner does, per thread).
 *
 * @example
 * setThreadIdent(job.ident ?? threadId + 1);
 */
export function setThreadIdent(value: number): void {
  ident = value;
}

/**
 * The process-wide counter of warm idents, to hand to a new thread: the
 * main thread's own, or the one this thread received; `null` in a worker
 * that the native shim did not start (no warm threads there).
 *
 * @example
 * setup.idents = identCounter();
 */
export function identCounter(): Uint32Array | null {
  return (counter ??= isMainThread ? new Uint32Array(new SharedArrayBuffer(4)) : null);
}

/**
 * In a new thread: take its creator's counter.
 *
 * @example
 * receiveIdentCounter(setup.idents);
 */
export function receiveIdentCounter(shared: Uint32Array | null): void {
  counter = shared;
}

/**
 * A new ident for a thread about to run on a warm worker.
 *
 * @example
 * job.ident = nextWarmIdent();
 */
export function nextWarmIdent(): number {
  const shared = identCounter();
  if (shared === null) throw new Error('green-loader: no ident counter in this thread (a warm thread needs one)');
  return WARM_BASE + (Atomics.add(shared, 0, 1) % WARM_SPAN);
}

export { get_native_id } from '../shared/os-thread-id.js';
