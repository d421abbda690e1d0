/**
 * Who the calling OS thread is: Python's `get_ident()` and `get_native_id()`.
 *
 * `get_ident()` is `threadId + 1` of `node:worker_threads` (the main thread is
 * 1): stable for the thread's life, unique in the process, never 0 (0 means
 * "no owner" in the shared RLock). `get_native_id()` is the kernel's thread
 * id, read from `/proc/thread-self` on Linux; where that does not exist it
 * falls back to the process id for the main thread and `get_ident()` otherwise.
 *
 * @module
 */
import { readlinkSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

/**
 * The calling thread's identifier (`threadId + 1`; the main thread is 1).
 *
 * @example
 * const me = get_ident();
 */
export function get_ident(): number {
  return threadId + 1;
}

let nativeId: number | undefined;

function readNativeId(): number {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return isMainThread ? process.pid : get_ident();
  }
}

/**
 * The calling thread's OS thread id (Linux: the `tid` of `/proc/thread-self`;
 * the main thread's equals the process id).
 *
 * @example
 * console.log(`running on OS thread ${get_native_id()}`);
 */
export function get_native_id(): number {
  return (nativeId ??= readNativeId());
}
