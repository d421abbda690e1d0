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
 * shared memory; each thread keeps its own), and one assigned an object
 * later — in the assigning thread it becomes that thread's own property
 * from then on, and GREEN_DEBUG says so; the other threads keep the last
 * shared value. A static added after the last thread start is shared with
 * threads started after it only. An assignment through a subclass
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
import { declarations, readDeclaration } from './module-scope.js';
import { nativeDebug } from './native-debug.js';
import { lockCell, unlockCell } from './shared-mutex.js';

const LOCK = 0;
const LENGTH = 1;
const HEADER = 8;
const INITIAL_BYTES = 64;
/** The most bytes a shared static holds (a longer string makes the property the assigning thread's own); each cell reserves this much address space. */
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
 * a queue item (a tag byte and its bytes), in a growable SharedArrayBuffer.
 *
 * @example
 * const cell = new StaticCell();
 * cell.write(true);
 * cell.read(); // true
 */
export class StaticCell {
  readonly buffer: GrowableBuffer;
  readonly #meta: Int32Array;
  #memory: ItemMemory | null = null;

  /**
   * @param buffer another thread's cell, or none for a new one.
   *
   * @example
   * new StaticCell(theirs.buffer); // the same value as theirs
   */
  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = (buffer as GrowableBuffer | undefined) ?? new GrowableSharedArrayBuffer(INITIAL_BYTES, { maxByteLength: MAX_BYTES });
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
      if (HEADER + size > MAX_BYTES) return false;
      if (HEADER + size > this.buffer.byteLength) this.buffer.grow(Math.min(MAX_BYTES, Math.max(HEADER + size, 2 * this.buffer.byteLength)));
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
      nativeDebug(
        `${at.name}.${at.prop} (${at.url}) was assigned ${isPrimitive(value) ? 'a value too long to share' : `a${typeof value === 'object' ? 'n object' : ` ${typeof value}`}`}: ` +
          "it is this thread's own from now on, and other threads keep its last shared value",
      );
    },
  });
  cells.set(key, { at, cell });
}

/**
 * In a thread about to start another: share every static of the app's
 * top-level classes that holds a primitive and is not shared yet, and
 * return all of this thread's shared statics, for the new thread.
 *
 * @example
 * job.statics = staticsForThread();
 */
export function staticsForThread(): Array<[StaticKey, SharedArrayBuffer]> {
  for (const [url, name, value] of declarations()) {
    if (!isClass(value)) continue;
    for (const [prop, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
      const at = { url, name, prop };
      const key = keyOf(at);
      if (cells.has(key) || detached.has(key) || !descriptor.enumerable || !descriptor.writable || !descriptor.configurable) continue;
      if (!isPrimitive(descriptor.value)) continue;
      const cell = new StaticCell();
      if (cell.write(descriptor.value)) install(value, at, cell);
    }
  }
  return [...cells.values()].map(({ at, cell }) => [at, cell.buffer]);
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
    install(holder, at, new StaticCell(buffer));
    detached.delete(keyOf(at));
  }
}
