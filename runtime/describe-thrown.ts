/**
 * Describing a thrown value for a failure report, whatever it is.
 *
 * JavaScript can throw anything: `null`, a symbol, an object without a
 * prototype (`String()` throws on it), an Error whose `stack` or `name`
 * getter throws, a revoked Proxy (even `instanceof` throws on it). A report
 * that throws while describing would turn one failure into a crash, so every
 * step here has a fallback and nothing escapes.
 *
 * @module
 */
import { builtin } from './builtin.js';

/** What a report prints: the text (a stack when there is one) and the kind (`RangeError`, `number`). */
export interface ThrownDescription {
  text: string;
  kind: string;
}

/**
 * `value instanceof cls` that never throws (a revoked Proxy throws on prototype lookup).
 *
 * @example
 * if (isInstance(error, GreenletExit)) return;
 */
export function isInstance(value: unknown, cls: abstract new (...args: any[]) => unknown): boolean {
  try {
    return value instanceof cls;
  } catch {
    return false;
  }
}

function attempt(read: () => unknown): string | undefined {
  try {
    const text = read();
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Describe `error` for a report without ever throwing: an Error's stack (or
 * `String(error)`, or `util.inspect`), and its name or its `typeof`.
 *
 * @example
 * describeThrown(Object.create(null)); // { text: '[Object: null prototype] {}', kind: 'object' }
 * describeThrown(new RangeError('x')).kind; // 'RangeError'
 */
export function describeThrown(error: unknown): ThrownDescription {
  const isError = isInstance(error, Error);
  const text =
    (isError ? attempt(() => (error as Error).stack) : undefined) ??
    attempt(() => String(error)) ??
    (isError ? attempt(() => (error as Error).message) : undefined) ??
    attempt(() => builtin('node:util').inspect(error)) ??
    '(a value that cannot be printed)';
  const kind = isError ? (attempt(() => (error as Error).name) ?? 'Error') : error === null ? 'null' : typeof error;
  return { text, kind };
}
