/**
 * Which greenlet is running: `getCurrent()`.
 *
 * A greenlet's body runs inside an `AsyncLocalStorage` context, so the answer
 * stays right across every `await`, ours or foreign (fetch, fs/promises):
 * promise continuations carry the context they were created in. Outside any
 * greenlet the answer is the hub's main pseudo-greenlet.
 *
 * @module
 */
import { builtin } from './builtin.js';
import type { Greenlet } from './greenlet.js';
import { getHub } from './hub.js';

/** The context that carries the running greenlet. Internal. */
export const context = new (builtin('node:async_hooks').AsyncLocalStorage)<Greenlet>();

/**
 * The running greenlet, or the hub's main pseudo-greenlet outside any greenlet.
 *
 * @example
 * spawn(async () => {
 *   await fs.promises.readFile('x');
 *   console.log(getCurrent().name); // still "Greenlet-1"
 * });
 */
export function getCurrent(): Greenlet {
  return context.getStore() ?? getHub().main;
}
