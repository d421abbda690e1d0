/**
 * Output of a native thread in real time order: the thread's
 * `process.stdout` and `process.stderr` (and so its `console`) write
 * synchronously to file descriptors 1 and 2.
 *
 * A worker's streams normally relay each chunk through the main thread's
 * event loop, which a native `time.sleep` (or any synchronous work) there
 * blocks, so lines from different threads reached the terminal out of the
 * order they were written. Written straight to the shared descriptor, they
 * arrive in that order, as Python threads writing to one file do. A pipe
 * that is full (EAGAIN) is retried after a millisecond.
 *
 * @module
 */
import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

function writeAll(fd: number, data: Uint8Array): void {
  for (let offset = 0; offset < data.length; ) {
    try {
      offset += writeSync(fd, data, offset);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

type Callback = (error?: Error | null) => void;

/**
 * Make `stream` write synchronously to `fd` (same signature as `write`).
 *
 * @example
 * writeSynchronously(process.stdout, 1);
 */
export function writeSynchronously(stream: NodeJS.WriteStream, fd: number): void {
  const write = (chunk: unknown, encoding?: BufferEncoding | Callback, callback?: Callback): boolean => {
    const done = typeof encoding === 'function' ? encoding : callback;
    const data = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : (chunk as Uint8Array);
    writeAll(fd, data);
    if (done) process.nextTick(done, null);
    return true;
  };
  Object.defineProperty(stream, 'write', { value: write, configurable: true, writable: true });
}

writeSynchronously(process.stdout, 1);
writeSynchronously(process.stderr, 2);
