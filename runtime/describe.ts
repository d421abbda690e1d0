/**
 * How a wait describes what it waits on, in LoopExit reports and run info.
 *
 * By default a wait reads `Semaphore.acquire` (the operation, under the class
 * name of the object waited on, so a `JoinableQueue` says `JoinableQueue.get`)
 * or `join on worker-3` (an operation on a named object). An object that
 * wraps a runtime primitive — the green `threading.Lock` around a
 * {@link Semaphore} — makes the report name the class the user wrote by
 * giving the object its waiters park on a {@link describeWait} method. The
 * key is a `Symbol.for` so that code outside the runtime (the shims) and a
 * second copy of the package agree on it without importing each other.
 *
 * @module
 */
import type { Greenlet } from './greenlet.js';

/**
 * The key of a waitable's self-description: `obj[describeWait](operation)`
 * returns how a wait for `operation` (`'acquire'`) on it reads in reports.
 *
 * @example
 * class Permit extends Semaphore {
 *   [describeWait](operation: string) { return `Lock.${operation}`; } // "waits in Lock.acquire"
 * }
 */
export const describeWait: unique symbol = Symbol.for('green-loader.describeWait') as never;

/** An object that says how waits on it read in reports. */
export interface SelfDescribing {
  /** The description of a wait for `operation` (a method name) on this object. */
  [describeWait](operation: string): string;
}

/**
 * Describe a wait for `what` (`'Event.wait'`, `'join'`) on `on`, without
 * side effects: a hook that throws or returns a non-string falls back to the
 * default, so a report is never lost to a broken hook.
 *
 * @example
 * describeWaitOn(new BoundedSemaphore(1), 'Semaphore.acquire'); // 'BoundedSemaphore.acquire'
 */
export function describeWaitOn(on: object | null, what: string): string {
  if (on === null) return what;
  const dot = what.lastIndexOf('.');
  const operation = what.slice(dot + 1);
  try {
    const hook = (on as Partial<SelfDescribing>)[describeWait];
    const text: unknown = typeof hook === 'function' ? hook.call(on, operation) : undefined;
    if (typeof text === 'string') return text;
  } catch {
    // fall through to the default description
  }
  const cls = className(on);
  if (dot >= 0) return `${cls ?? what.slice(0, dot)}.${operation}`;
  const name = ownName(on);
  const label = name ?? cls;
  return label ? `${what} on ${label}` : what;
}

/**
 * The description of a wait for a lock that knows its owner:
 * `RLock.acquire (held by worker-2)`.
 *
 * @example
 * describeHeld(this, operation, this.owner);
 */
export function describeHeld(lock: object, operation: string, owner: Greenlet | null): string {
  const held = owner ? ` (held by ${owner._reportName()})` : '';
  return `${className(lock) ?? 'RLock'}.${operation}${held}`;
}

/**
 * The class name of `value` (`'Lock'`), or null when it has none.
 *
 * @example
 * className(new Map()); // 'Map'
 */
export function className(value: object): string | null {
  try {
    const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? name : null;
  } catch {
    return null;
  }
}

function ownName(on: object): string | null {
  try {
    const name: unknown = (on as { name?: unknown }).name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}
