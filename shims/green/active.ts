/**
 * The green threads alive in this hub, keyed by their greenlet — the green
 * counterpart of Python's `threading._active`.
 *
 * A Thread is entered when it starts, a dummy thread when first seen; each
 * leaves when its greenlet dies (a rawlink), and lookups skip a greenlet
 * that died before its link ran, so the listing is exact at every moment.
 *
 * @module
 */
import type { Greenlet } from '../../runtime/greenlet.js';
import type { Thread } from './thread-class.js';

const active = new Map<Greenlet<any>, Thread>();

function forget(greenlet: Greenlet<any>): void {
  active.delete(greenlet);
}

/**
 * Record `thread` as running on `greenlet` until the greenlet dies.
 *
 * @example
 * track(greenlet, thread);
 */
export function track<T extends Thread>(greenlet: Greenlet<any>, thread: T): T {
  active.set(greenlet, thread);
  greenlet.rawlink(forget);
  return thread;
}

/**
 * The thread running on `greenlet`, if one was recorded.
 *
 * @example
 * const me = threadOf(getCurrent());
 */
export function threadOf(greenlet: Greenlet<any>): Thread | undefined {
  return greenlet.dead ? undefined : active.get(greenlet);
}

/**
 * The recorded threads whose greenlets are alive, in order of entry.
 *
 * @example
 * liveThreads().map((t) => t.name);
 */
export function liveThreads(): Thread[] {
  const live: Thread[] = [];
  for (const [greenlet, thread] of active) if (!greenlet.dead) live.push(thread);
  return live;
}
