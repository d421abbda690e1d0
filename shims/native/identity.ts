/**
 * Who the calling OS thread is: Python's `get_ident()` and `get_native_id()`.
 *
 * `get_ident()` is `threadId + 1` of `node:worker_threads` (the main thread is
 * 1): stable for the thread's life, unique in the process, never 0 (0 means
 * "no owner" in the shared RLock). `get_native_id()` (the kernel's thread id)
 * is the flavour-neutral one of `shared/os-thread-id`.
 *
 * @module
 */
import { threadId } from 'node:worker_threads';

/**
 * The calling thread's identifier (`threadId + 1`; the main thread is 1).
 *
 * @example
 * const me = get_ident();
 */
export function get_ident(): number {
  return threadId + 1;
}

export { get_native_id } from '../shared/os-thread-id.js';
