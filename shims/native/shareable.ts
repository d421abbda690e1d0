/**
 * Sending native synchronization objects — and copies of everything else —
 * to another thread, as pickle would.
 *
 * Structured clone copies a class instance as a plain object and drops its
 * private fields, so a `Lock` in a thread's `args` would arrive dead. Before a
 * thread starts, {@link encode} replaces every {@link Shareable} (found at any
 * depth of arrays, plain objects, Maps and Sets) by a tagged record holding
 * its shared state; in the new thread {@link decode} revives each record into
 * the same class around the same memory. The reference codec the thread
 * runner installs ({@link setInstanceCodec}) decides the rest, as pickle
 * does: a function or a class crosses by reference (where it is declared;
 * the receiving thread looks it up in its own copy of that module), an
 * instance of a user class as its class's location and a copy of its fields,
 * and a function or class the receiving thread cannot reach is a TypeError
 * naming where it was found (`args[1]`, `kwargs.cb`, `item[0]`). The
 * process's own streams (`process.stdout`, `process.stderr`, `process.stdin`)
 * and `console` cross as references to the receiving thread's own (see
 * `process-objects`). Anything else is left to structured clone.
 *
 * A kind's reviver can also make an object that already exists use the
 * shared state ({@link reviveInto}): that is how a lock created at module
 * level in a new thread becomes the creator's lock (see `shared-sites`).
 *
 * @module
 */
import { processObjectAt, processObjectName, type ProcessObjectName } from './process-objects.js';

/**
 * Method key a shareable class implements: returns its kind and shared state.
 *
 * @example
 * [SHARE]() { return { kind: 'Event', data: this.#cell }; }
 */
export const SHARE = Symbol('green-loader.native.share');

/** Tag that marks an encoded record in cloned data. */
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

/**
 * Rebuilds one kind from its decoded data: into `into` when given (an object
 * of that kind just constructed in this thread, which must take the shared
 * state), else into a new object.
 *
 * @example
 * const revive: Reviver = (cell: Int32Array, into?: Lock) => Lock.reviveInto(into ?? new Lock(), cell);
 */
export type Reviver = (data: any, into?: any) => unknown;

/**
 * How functions, classes and instances of user classes cross: `locate`
 * returns a cloneable description of the instance's class that the new
 * thread can resolve (or throws a TypeError naming `path`); `create` makes
 * an empty instance of the described class in the new thread. Own
 * enumerable fields are copied by {@link encode} and {@link decode}
 * themselves. `reference` describes where a function or class is declared
 * (or throws a TypeError naming `path`), and `resolve` finds it again in the
 * receiving thread.
 *
 * @example
 * setInstanceCodec({ locate, create, reference: (fn, path) => whereIs(fn, path), resolve: (where) => valueAt(where) });
 */
export interface InstanceCodec {
  locate(value: object, path: string): unknown;
  create(where: unknown): object;
  reference(value: Function, path: string): unknown;
  resolve(where: unknown): unknown;
}

const revivers = new Map<string, Reviver>();
let instances: InstanceCodec | null = null;
const INSTANCE = 'instance';
const REFERENCE = 'reference';
const PROCESS = 'process';

/**
 * What {@link encode} prepares data for: a thread's job (`'thread'`), or a
 * queue item (`'item'`: written as bytes, so shared objects are refused).
 *
 * @example
 * encode(item, 'item', 'item');
 */
export type EncodeFor = 'thread' | 'item';

/**
 * Register how to rebuild one kind of shareable from its decoded data.
 *
 * @example
 * registerShareable('Lock', (cell: Int32Array, into?: Lock) => Lock.reviveInto(into ?? new Lock(), cell));
 */
export function registerShareable(kind: string, revive: Reviver): void {
  revivers.set(kind, revive);
}

/**
 * Install how instances of user classes cross (the native thread runner does).
 *
 * @example
 * setInstanceCodec({ locate, create });
 */
export function setInstanceCodec(codec: InstanceCodec): void {
  instances = codec;
}

/**
 * A tagged record that {@link decode} revives with the reviver of `kind`
 * (`data` must already be encoded).
 *
 * @example
 * return encodedRecord('instance', { where, fields });
 */
export function encodedRecord(kind: string, data: unknown): unknown {
  return { [TAG]: kind, data };
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const CLONED_AS_IS = [Date, RegExp, Error, ArrayBuffer, SharedArrayBuffer, Boolean, Number, String, Blob];

function clonesAsIs(value: object): boolean {
  return ArrayBuffer.isView(value) || CLONED_AS_IS.some((type) => value instanceof type);
}

type Leaf = (value: object, path: string) => unknown;

function walk(value: unknown, memo: Map<object, unknown>, leaf: Leaf, path: string): unknown {
  if (typeof value === 'function') return leaf(value, path);
  if (value === null || typeof value !== 'object') return value;
  if (memo.has(value)) return memo.get(value);
  const replaced = leaf(value, path);
  if (replaced !== value) {
    memo.set(value, replaced);
    return replaced;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    memo.set(value, out);
    value.forEach((item, i) => out.push(walk(item, memo, leaf, `${path}[${i}]`)));
    return out;
  }
  if (value instanceof Map) {
    const out = new Map();
    memo.set(value, out);
    let i = 0;
    for (const [key, item] of value) out.set(walk(key, memo, leaf, `${path} key ${i}`), walk(item, memo, leaf, `${path}.get(${i++})`));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    memo.set(value, out);
    let i = 0;
    for (const item of value) out.add(walk(item, memo, leaf, `${path} item ${i++}`));
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  memo.set(value, out);
  for (const [key, item] of Object.entries(value)) out[key] = walk(item, memo, leaf, `${path}.${key}`);
  return out;
}

/**
 * The TypeError for a function (or class) at `path` that cannot cross.
 *
 * @example
 * throw unreachableFunction(fn, 'args[1]');
 */
export function unreachableFunction(value: Function, path: string): TypeError {
  const what = /^class\b/.test(Function.prototype.toString.call(value)) ? 'a class' : 'a function';
  return new TypeError(
    `${path} is ${what} (${value.name || 'anonymous'}) that a native thread cannot reach: functions and classes cross by reference, ` +
      'as pickle sends them, only when declared at the top level of an app module (or as a static member of a class declared there) ' +
      'under the loader, or exported by a CommonJS module; define it there, or call it from the target instead',
  );
}

/**
 * Replace shareables, functions, classes, instances of user classes and the
 * process's streams by tagged records, ready for structured clone. `path`
 * names the value in error messages. For a queue item (`purpose` `'item'`)
 * a shareable is a TypeError: its memory cannot travel as bytes.
 *
 * @example
 * new Worker(src, { workerData: { args: encode(args, 'args') } });
 */
export function encode(value: unknown, path = 'value', purpose: EncodeFor = 'thread'): unknown {
  const memo = new Map<object, unknown>();
  const leaf: Leaf = (v, at) => {
    if (typeof v === 'function') {
      if (instances === null) throw unreachableFunction(v as Function, at);
      return encodedRecord(REFERENCE, instances.reference(v as Function, at));
    }
    if (SHARE in v) {
      if (purpose === 'item') {
        throw new TypeError(
          `${at}: a queue item cannot carry a native ${v.constructor?.name ?? 'shared object'}: ` +
            'its shared memory would arrive as a dead copy; pass it to the thread in args instead',
        );
      }
      const { kind, data } = (v as Shareable)[SHARE]();
      return encodedRecord(kind, walk(data, memo, leaf, at));
    }
    if (Array.isArray(v) || isPlainObject(v) || v instanceof Map || v instanceof Set || clonesAsIs(v)) return v;
    const name = processObjectName(v);
    if (name !== null) return encodedRecord(PROCESS, name);
    if (instances === null) return v;
    const data: { where: unknown; fields: Record<string, unknown> } = { where: instances.locate(v, at), fields: {} };
    const record = encodedRecord(INSTANCE, data);
    memo.set(v, record); // before the fields: a cycle back to this instance ends here
    for (const [key, item] of Object.entries(v)) data.fields[key] = walk(item, memo, leaf, `${at}.${key}`);
    return record;
  };
  return walk(value, memo, leaf, path);
}

/**
 * Whether `value` needs {@link encode} before structured clone: it holds
 * (at any depth of arrays and plain objects) a function, a class instance,
 * a Map or Set (which may hold either), or a shared object. Plain data
 * answers `false` after one walk, and is cloned as it is.
 *
 * @example
 * const bytes = serialize(needsEncoding(item) ? encode(item, 'item', 'item') : item);
 */
export function needsEncoding(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value) || isPlainObject(value)) {
    for (const item of Object.values(value)) if (needsEncoding(item, seen)) return true;
    return false;
  }
  return !clonesAsIs(value);
}

function reviverOf(kind: string): Reviver {
  const revive = revivers.get(kind);
  if (!revive) throw new TypeError(`cannot revive a shared ${kind} in this thread`);
  return revive;
}

/**
 * Revive tagged records into live shareables (inverse of {@link encode}).
 *
 * @example
 * const { args } = decode(workerData) as { args: unknown[] };
 */
export function decode(value: unknown): unknown {
  const memo = new Map<object, unknown>();
  const leaf: Leaf = (v) => {
    const kind = (v as Record<string, unknown>)[TAG];
    if (typeof kind !== 'string') return v;
    if (kind === PROCESS) return processObjectAt((v as { data: ProcessObjectName }).data);
    if (kind === REFERENCE) {
      if (instances === null) throw new TypeError('cannot resolve a function or class in this thread');
      return instances.resolve((v as { data: unknown }).data);
    }
    if (kind !== INSTANCE) return reviverOf(kind)(decode((v as { data: unknown }).data));
    const { where, fields } = (v as { data: { where: unknown; fields: Record<string, unknown> } }).data;
    if (instances === null) throw new TypeError('cannot revive an instance of a user class in this thread');
    const object = instances.create(where) as Record<string, unknown>;
    memo.set(v, object);
    for (const [key, item] of Object.entries(fields)) object[key] = walk(item, memo, leaf, key);
    return object;
  };
  return walk(value, memo, leaf, 'value');
}

/**
 * The kind of an encoded record, or `null` when `value` is not one.
 *
 * @example
 * encodedKind(encode(new Lock())); // 'Lock'
 */
export function encodedKind(value: unknown): string | null {
  const kind = (value as Record<string, unknown> | null)?.[TAG];
  return typeof kind === 'string' ? kind : null;
}

/**
 * Make `object` (just constructed in this thread) use the shared state of
 * the encoded record `encoded`, of the same kind.
 *
 * @example
 * reviveInto(table.get(site), this);
 */
export function reviveInto(encoded: unknown, object: object): void {
  reviverOf(encodedKind(encoded)!)(decode((encoded as { data: unknown }).data), object);
}
