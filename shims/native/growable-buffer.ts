/**
 * Growable `SharedArrayBuffer`s (ES2024: `new SharedArrayBuffer(length,
 * { maxByteLength })`, `grow()`), typed for the ES2022 library the project
 * compiles against. A buffer grows in place for every thread that holds it.
 *
 * @module
 */

/**
 * A SharedArrayBuffer that can grow up to its `maxByteLength`.
 *
 * @example
 * const buffer: GrowableBuffer = new GrowableSharedArrayBuffer(64, { maxByteLength: 1024 });
 * buffer.grow(128);
 */
export type GrowableBuffer = SharedArrayBuffer & { grow(length: number): void; readonly maxByteLength: number; readonly growable: boolean };

/**
 * The SharedArrayBuffer constructor, typed with its `maxByteLength` option.
 *
 * @example
 * const buffer = new GrowableSharedArrayBuffer(4096, { maxByteLength: 2 ** 28 });
 */
export const GrowableSharedArrayBuffer = SharedArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => GrowableBuffer;
