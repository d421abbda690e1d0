/**
 * The calling OS thread's kernel id: Python's `get_native_id()`, the same for
 * both flavours (every greenlet of a thread shares it). Read from
 * `/proc/thread-self` on Linux; where that does not exist it falls back to
 * the process id on the main thread and `threadId + 1` in a worker.
 *
 * @module
 */
import { builtin } from '../../runtime/builtin.js';
import { isMainThread, threadId } from '../../runtime/this-thread.js';

let nativeId: number | undefined;

function readNativeId(): number {
  try {
    return Number(builtin('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return isMainThread() ? process.pid : threadId() + 1;
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
