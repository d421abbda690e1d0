/**
 * Sending native synchronization objects to another thread.
 *
 * Structured clone copies a class instance as a plain object and drops its
 * private fields, so a `Lock` in a thread's `args` would arrive dead. Before a
 * thread starts, {@link encode} replaces every {@link Shareable} (found at any
 * depth of arrays and plain objects) by a tagged record holding its
 * `SharedArrayBuffer`; in the new thread {@link decode} revives each record
 * into the same class around the same memory. Anything else is left to
 * structured clone.
 *
 * @module
 */

/**
 * Method key a shareable class implements: returns its kind and shared state.
 *
 * @example
 * [SHARE]() { return { kind: 'Event', data: this.#cell }; }
 */
export const SHARE = Symbol('green-loader.native.share');

/** Tag that marks an encoded shareable in cloned data. */
const TAG = '__greenLoaderShared__';

/**
 * An object that can be rebuilt in another thread from cloneable `data`.
 *
 * @example
 * class Lock implements Shareable { [SHARE]() { return { kind: 'Lock', data: this.#cell }; } }
 */
export interface Shareable {
  [SHARE](): { kind: string; data: unknown };
}

const revivers = new Map<string, (data: any) => unknown>();

/**
 * Register how to rebuild one kind of shareable from its decoded data.
 *
 * @example
 * registerShareable('Lock', (cell: Int32Array) => reviveLock(cell));
 */
export function registerShareable(kind: string, revive: (data: any) => unknown): void {
  revivers.set(kind, revive);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function walk(value: unknown, memo: Map<object, unknown>, leaf: (value: object) => unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (memo.has(value)) return memo.get(value);
  const replaced = leaf(value);
  if (replaced !== value) {
    memo.set(value, replaced);
    return replaced;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    memo.set(value, out);
    for (const item of value) out.push(walk(item, memo, leaf));
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  memo.set(value, out);
  for (const [key, item] of Object.entries(value)) out[key] = walk(item, memo, leaf);
  return out;
}

/**
 * Replace shareables by tagged records, ready for structured clone.
 *
 * @example
 * new Worker(src, { workerData: encode({ args }) });
 */
export function encode(value: unknown): unknown {
  const leaf = (v: object): unknown => {
    if (!(SHARE in v)) return v;
    const { kind, data } = (v as Shareable)[SHARE]();
    return { [TAG]: kind, data: encode(data) };
  };
  return walk(value, new Map(), leaf);
}

/**
 * Revive tagged records into live shareables (inverse of {@link encode}).
 *
 * @example
 * const { args } = decode(workerData) as { args: unknown[] };
 */
export function decode(value: unknown): unknown {
  const leaf = (v: object): unknown => {
    const kind = (v as Record<string, unknown>)[TAG];
    if (typeof kind !== 'string') return v;
    const revive = revivers.get(kind);
    if (!revive) throw new TypeError(`cannot revive a shared ${kind} in this thread`);
    return revive(decode((v as { data: unknown }).data));
  };
  return walk(value, new Map(), leaf);
}
