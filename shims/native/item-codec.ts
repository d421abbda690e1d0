/**
 * How the native queue stores an item in shared memory: a tag byte and the
 * payload. Numbers, strings, booleans, `null` and `undefined` are written
 * directly (a float64, UTF-8 bytes, nothing); plain data is structured
 * cloned with `v8.serialize`, the serializer behind `postMessage`.
 *
 * An item holding more than plain data is pickled first (`encode` in
 * `shareable`, tag `ENCODED`): a function or class declared at the top level
 * of an app module crosses by reference and is found again in the receiving
 * thread's copy of that module, an instance of such a class arrives as an
 * instance of it, and `process.stdout` and its kin as the receiving thread's
 * own. What cannot keep its meaning is a TypeError at `put()` naming where it
 * is in the item (`item[0]`): a function the receiving thread cannot reach,
 * and a native Lock, Event, Queue … — their shared memory can only reach
 * another thread through a thread's `args`, never through bytes, and a clone
 * would be a dead copy. A `SharedArrayBuffer` is refused by the serializer.
 *
 * @module
 */
import { deserialize, serialize } from 'node:v8';
import { decode, encode, needsEncoding } from './shareable.js';

/** Where items are read and written: a byte view and a DataView of the same memory. @example writeItem(item, memory, offset) */
export interface ItemMemory {
  /** The bytes (a Buffer view at run time, for UTF-8; typed as Uint8Array so the declarations need no @types/node). @example memory.bytes[offset] */
  readonly bytes: Uint8Array;
  /** The same memory as a DataView, for float64s. @example memory.view.getFloat64(offset + 1, true) */
  readonly view: DataView;
}

const NUMBER = 1;
const STRING = 2;
const TRUE = 3;
const FALSE = 4;
const NULL = 5;
const UNDEFINED = 6;
const CLONED = 7;
const ENCODED = 8;

/** The serialized bytes of the last item measured by {@link itemSize}, until {@link writeItem} takes them. */
let pending: Buffer | null = null;

/** Whether the bytes in {@link pending} are of an encoded item. */
let pendingEncoded = false;

/**
 * Bytes `item` takes in the queue (tag included). Call {@link writeItem}
 * for the same item right after: a cloned item's bytes are kept in between.
 * Throws a TypeError for what cannot cross (a function the receiving
 * thread cannot reach, a symbol, a native shared object), naming where it
 * is in the item.
 *
 * @example
 * const size = itemSize(item);
 * writeItem(item, memory, arena.alloc(size));
 */
export function itemSize(item: unknown): number {
  switch (typeof item) {
    case 'number':
      return 9;
    case 'string':
      return 1 + Buffer.byteLength(item, 'utf8');
    case 'boolean':
    case 'undefined':
      return 1;
    default:
      if (item === null) return 1;
  }
  pendingEncoded = needsEncoding(item);
  const data = pendingEncoded ? encode(item, 'item', 'item') : item;
  try {
    pending = serialize(data);
  } catch (error) {
    throw new TypeError(`a queue item must be structured-cloneable: ${(error as Error).message}`, { cause: error });
  }
  return 1 + pending.length;
}

/**
 * Write `item` (just measured by {@link itemSize}) at `offset`.
 *
 * @example
 * writeItem(42, memory, offset);
 */
export function writeItem(item: unknown, memory: ItemMemory, offset: number): void {
  const bytes = memory.bytes as Buffer;
  switch (typeof item) {
    case 'number':
      bytes[offset] = NUMBER;
      memory.view.setFloat64(offset + 1, item, true);
      return;
    case 'string':
      bytes[offset] = STRING;
      bytes.write(item, offset + 1, 'utf8');
      return;
    case 'boolean':
      bytes[offset] = item ? TRUE : FALSE;
      return;
    case 'undefined':
      bytes[offset] = UNDEFINED;
      return;
    default:
      if (item === null) {
        bytes[offset] = NULL;
        return;
      }
  }
  bytes[offset] = pendingEncoded ? ENCODED : CLONED;
  bytes.set(pending!, offset + 1);
  pending = null;
}

/**
 * A cloned item copied out of shared memory, to be deserialized after the
 * queue's mutex is released ({@link finishItem}).
 */
class Copied {
  constructor(
    readonly bytes: Uint8Array,
    readonly encoded: boolean,
  ) {}
}

/**
 * Read the item of `length` bytes at `offset`. With `defer`, a cloned item
 * comes back as a private copy of its bytes, for {@link finishItem}.
 * Without it, an encoded item comes back in its encoded form (as a
 * priority queue compares items: references are not looked up there).
 *
 * @example
 * const value = finishItem(readItem(memory, offset, length, true)); // after unlocking
 */
export function readItem(memory: ItemMemory, offset: number, length: number, defer = false): unknown {
  const bytes = memory.bytes as Buffer;
  switch (bytes[offset]) {
    case NUMBER:
      return memory.view.getFloat64(offset + 1, true);
    case STRING:
      return bytes.toString('utf8', offset + 1, offset + length);
    case TRUE:
      return true;
    case FALSE:
      return false;
    case NULL:
      return null;
    case UNDEFINED:
      return undefined;
    default: {
      const cloned = bytes.subarray(offset + 1, offset + length);
      return defer ? new Copied(Buffer.from(cloned), bytes[offset] === ENCODED) : deserialize(cloned);
    }
  }
}

/**
 * The item itself from what {@link readItem} returned with `defer`.
 *
 * @example
 * return finishItem(raw);
 */
export function finishItem(raw: unknown): unknown {
  if (!(raw instanceof Copied)) return raw;
  const value: unknown = deserialize(raw.bytes);
  return raw.encoded ? decode(value) : value;
}
