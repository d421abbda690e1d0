/**
 * Python's truth value (`bool(x)`), for the arguments Python reads as
 * flags: `blocking`, `block`, `daemon`, `immediate`…
 *
 * False for `false`, `null`/`undefined` (None), `0`, `-0`, `0n`, `NaN`,
 * `''`, and empty arrays, Maps, Sets and plain objects (Python's empty
 * list, dict and set); true for everything else.
 *
 * @module
 */

/**
 * Python's `bool(value)`.
 *
 * @example
 * truth(0); // false
 * truth('no'); // true
 * truth([]); // false
 */
export function truth(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return Boolean(value);
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? Object.keys(value).length > 0 : true;
}
