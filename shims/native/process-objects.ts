/**
 * The process's well-known objects cross threads by reference, the way
 * Python threads share `sys.stdout`: `process.stdout`, `process.stderr`,
 * `process.stdin` and `console`, found in a thread's `args` (or a queue
 * item), arrive as the receiving thread's own object of the same name.
 *
 * They are the same file descriptors underneath: a native thread's
 * `process.stdout` and `process.stderr` write synchronously to fds 1 and 2
 * (see `worker-stdio`), so what two threads write through "the same"
 * stream keeps the order it was written in, and its `console` writes
 * through them. A worker's own `process.stdin` is not the process's input
 * (Node feeds it only from `worker.stdin`), so a native thread that is
 * handed `process.stdin` gets a stream reading fd 0 itself, made once per
 * thread; as in Python, two threads reading one input share its lines
 * between them.
 *
 * @module
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/**
 * The names a well-known object crosses under.
 *
 * @example
 * const name: ProcessObjectName = 'stdout';
 */
export type ProcessObjectName = 'stdout' | 'stderr' | 'stdin' | 'console';

let stdinHere: ReadStream | null = null;

/**
 * The name `value` crosses under when it is one of the process's
 * well-known objects, else `null`. Reads `process.stdin` only for a
 * stream on fd 0 (the getter creates the stream).
 *
 * @example
 * processObjectName(process.stdout); // 'stdout'
 */
export function processObjectName(value: object): ProcessObjectName | null {
  if (value === process.stdout) return 'stdout';
  if (value === process.stderr) return 'stderr';
  if (value === console) return 'console';
  if ((value as { fd?: unknown }).fd === 0 && (value === stdinHere || value === process.stdin)) return 'stdin';
  return null;
}

/**
 * This thread's object of that name (in a native thread, its input stream
 * on fd 0 for `'stdin'`).
 *
 * @example
 * processObjectAt('stdout').write('hi\n');
 */
export function processObjectAt(name: ProcessObjectName): unknown {
  switch (name) {
    case 'stdout':
      return process.stdout;
    case 'stderr':
      return process.stderr;
    case 'console':
      return console;
    case 'stdin':
      if (isMainThread) return process.stdin;
      return (stdinHere ??= createReadStream('', { fd: 0, autoClose: false }));
    default:
      throw new TypeError(`no process object named ${JSON.stringify(name)} crosses threads`);
  }
}
