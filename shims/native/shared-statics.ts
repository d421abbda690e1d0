/**
 * Class attributes are shared by every native thread, as Python's are: a
 * static field holding a primitive, of a class declared at the top level of
 * an app module, reads and writes one value in shared memory once the
 * module's thread has started a thread.
 *
 * A new native thread imports its target's module again, so each thread
 * has its own copy of every class; `Philosopher.running = false` in the
 * main thread would never reach the philosophers. At each thread start the
 * creator turns every own enumerable, writable data property of its app
 * modules' top-level classes that holds a primitive (number, string,
 * boolean, bigint, `null`, `undefined`) into an accessor over a
 * {@link StaticCell}, and sends the cells with the thread, keyed by module
 * URL, class name and property; the new thread, once it has imported its
 * modules, puts the same accessors over its own copies of those classes.
 * From then on every thread reads and writes the one cell: a write is
 * seen by the next read in any thread (the cell's mutex orders them, with
 * Atomics' sequential consistency).
 *
 * What is not shared: a static holding an object (an object cannot live in
 * shared memory; each thread keeps its own), and one assigned an object, or
 * a string longer than its cell holds (64 KiB for a static that held a
 * string when it became shared, 119 bytes for any other), later — in the
 * assigning thread it becomes that thread's own property from then on, and
 * GREEN_DEBUG says so; the other threads keep the last shared value. Each
 * class is looked at once, at the first thread start after it was defined:
 * a static added to it later stays per thread. An assignment through a subclass
 * (`Sub.running = x`) makes the subclass's own property, as in plain JS.
 * Module-level `let`/`var` bindings cannot be shared this way (see the
 * README): nothing can stand between an identifier and its binding.
 *
 * Nothing here runs until a thread starts: green threads, and modules that
 * never start native threads, keep plain properties.
 *
 * @module
 */
import { GrowableSharedArrayBuffer, type GrowableBuffer } from './growable-buffer.js';
import { itemSize, readItem, writeItem, type ItemMemory } from './item-codec.js';
import { newDeclarations, readDeclaration, type DeclarationMemo } from './module-scope.js';
import { nativeDebug } from './native-debug.js';
import { lockCell, unlockCell } from './shared-mutex.js';

const LOCK = 0;
const LENGTH = 1;
const HEADER = 8;
/** Bytes of a cell that holds a number, boolean, bigint, `null` or `undefined` (or a short string). */
const FIXED_BYTES = 128;
/** Initial bytes of a string's cell, which grows up to {@link MAX_BYTES}. */
const INITIAL_BYTES = 256;
/** The most bytes a string's cell holds; each such cell reserves this much address space. */
const MAX_BYTES = 64 * 1024;

/**
 * Where a shared static lives: its class's module and top-level name, and the property.
 *
 * @example
 * const at: StaticKey = { url: 'file:///app/main.mjs', name: 'Philosopher', prop: 'running' };
 */
export interface StaticKey {
  url: string;
  name: string;
  prop: string;
}

/**
 * One shared value: a mutex, the value's length, then the value written as
 * a queue item (a tag byte and its bytes). A cell made for a string is a
 * growable SharedArrayBuffer (up to 64 KiB); any other is a fixed 128 bytes,
 * which also takes strings of up to 119 UTF-8 bytes (a plain buffer costs
 * a small allocation; a growable one reserves address space).
 *
 * @example
 * const cell = new StaticCell();
 * cell.write(true);
 * cell.read(); // true
 */
export class StaticCell {
  /** The shared memory, sent to a new thread. @example new StaticCell(cell.buffer) */
  readonly buffer: SharedArrayBuffer;
  readonly #meta: Int32Array;
  #memory: ItemMemory | null = null;

  /**
   * @param from another thread's cell (the same value as theirs), or, for a
   *   new cell, whether it will hold strings (then it can grow).
   *
   * @example
   * new StaticCell(theirs.buffer); // the same value as theirs
   * new StaticCell({ strings: true });
   */
  constructor(from: SharedArrayBuffer | { strings: boolean } = { strings: false }) {
    this.buffer =
      from instanceof SharedArrayBuffer
        ? from
        : from.strings
          ? new GrowableSharedArrayBuffer(INITIAL_BYTES, { maxByteLength: MAX_BYTES })
          : new SharedArrayBuffer(FIXED_BYTES);
    this.#meta = new Int32Array(this.buffer, 0, 2);
  }

  /** Views over the whole buffer, made again after it grew (in any thread). */
  #views(): ItemMemory {
    const length = this.buffer.byteLength;
    if (this.#memory?.bytes.length !== length) {
      this.#memory = { bytes: Buffer.from(this.buffer, 0, length), view: new DataView(this.buffer, 0, length) };
    }
    return this.#memory;
  }

  /**
   * The current value.
   *
   * @example
   * if (!cell.read()) return;
   */
  read(): unknown {
    lockCell(this.#meta, LOCK);
    try {
      return readItem(this.#views(), HEADER, this.#meta[LENGTH]!);
    } finally {
      unlockCell(this.#meta, LOCK);
    }
  }

  /**
   * Store `value` (a primitive); `false` when it is too long to hold.
   *
   * @example
   * if (!cell.write(value)) detach();
   */
  write(value: unknown): boolean {
    lockCell(this.#meta, LOCK);
    try {
      const size = itemSize(value);
      if (HEADER + size > this.buffer.byteLength) {
        const buffer = this.buffer as GrowableBuffer;
        if (!buffer.growable || HEADER + size > buffer.maxByteLength) return false;
        buffer.grow(Math.min(buffer.maxByteLength, Math.max(HEADER + size, 2 * buffer.byteLength)));
      }
      writeItem(value, this.#views(), HEADER);
      this.#meta[LENGTH] = size;
      return true;
    } finally {
      unlockCell(this.#meta, LOCK);
    }
  }
}

/** This thread's shared statics by key, and the keys that became a thread's own. */
const cells = new Map<string, { at: StaticKey; cell: StaticCell }>();
const detached = new Set<string>();

/** Classes whose statics were looked at (at the first thread start after they were defined). */
const scanned = new WeakSet<Function>();
/** The top-level values {@link staticsForThread} already looked at, per module. */
const looked: DeclarationMemo = new WeakMap();
/** The table {@link staticsForThread} returns, until a cell is added or detached. */
let table: ReadonlyArray<readonly [StaticKey, SharedArrayBuffer]> | null = null;

const keyOf = (at: StaticKey): string => `${at.url}#${at.name}.${at.prop}`;

/** A value a shared static can hold. */
function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol');
}

function isClass(value: unknown): value is Function {
  return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}

/** Put the shared accessor of `at` over `holder[at.prop]`. */
function install(holder: Function, at: StaticKey, cell: StaticCell): void {
  const key = keyOf(at);
  Object.defineProperty(holder, at.prop, {
    configurable: true,
    enumerable: true,
    get: () => cell.read(),
    set(this: object, value: unknown) {
      if (this !== holder) {
        // Assigning through a subclass makes the subclass's own property, as for a data property.
        Object.defineProperty(this, at.prop, { value, writable: true, enumerable: true, configurable: true });
        return;
      }
      if (isPrimitive(value) && cell.write(value)) return;
      Object.defineProperty(holder, at.prop, { value, writable: true, enumerable: true, configurable: true });
      cells.delete(key);
      detached.add(key);
      table = null;
      nativeDebug(
        `${at.name}.${at.prop} (${at.url}) was assigned ${isPrimitive(value) ? 'a value too long to share' : `a${typeof value === 'object' ? 'n object' : ` ${typeof value}`}`}: ` +
          "it is this thread's own from now on, and other threads keep its last shared value",
      );
    },
  });
  cells.set(key, { at, cell });
  table = null;
}

/**
 * In a thread about to start another: share every static of the app's
 * top-level classes that holds a primitive and is not shared yet, and
 * return all of this thread's shared statics, for the new thread.
 *
 * @example
 * job.statics = staticsForThread();
 */
export function staticsForThread(): ReadonlyArray<readonly [StaticKey, SharedArrayBuffer]> {
  // Only declarations not looked at yet (or bound to another value since): a start costs one call per declaration.
  newDeclarations(looked, (url, name, value) => {
    if (typeof value !== 'function' || scanned.has(value) || !isClass(value)) return;
    scanned.add(value);
    for (const [prop, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
      const at = { url, name, prop };
      const key = keyOf(at);
      if (cells.has(key) || detached.has(key) || !descriptor.enumerable || !descriptor.writable || !descriptor.configurable) continue;
      if (!isPrimitive(descriptor.value)) continue;
      const cell = new StaticCell({ strings: typeof descriptor.value === 'string' });
      if (cell.write(descriptor.value)) install(value, at, cell);
    }
  });
  return (table ??= [...cells.values()].map(({ at, cell }) => [at, cell.buffer]));
}

/**
 * In a new thread, once its modules are imported: put the creator's shared
 * statics over this thread's copies of their classes (a class this thread
 * did not reach keeps its own, and GREEN_DEBUG says so).
 *
 * @example
 * bindStatics(job.statics);
 */
export function bindStatics(table: ReadonlyArray<readonly [StaticKey, SharedArrayBuffer]>): void {
  for (const [at, buffer] of table) {
    const found = readDeclaration(at);
    const holder = 'value' in found ? found.value : undefined;
    const descriptor = typeof holder === 'function' ? Object.getOwnPropertyDescriptor(holder, at.prop) : undefined;
    const ours = cells.has(keyOf(at));
    if (typeof holder !== 'function' || (descriptor && !descriptor.configurable) || (descriptor && !('value' in descriptor) && !ours)) {
      nativeDebug(`${at.name}.${at.prop} (${at.url}) is shared by the thread that started this one, but not here: ${'missing' in found ? found.missing : 'no such class attribute'}`);
      continue;
    }
    scanned.add(holder);
    install(holder, at, new StaticCell(buffer));
    detached.delete(keyOf(at));
  }
}
