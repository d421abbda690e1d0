/**
 * The order of a PriorityQueue that was given no compare function: Python's
 * `<` for the values JavaScript shares with Python — numbers (and bigints)
 * and strings compare with `<`, arrays element by element like tuples (a
 * shorter prefix first). Anything else — mixed kinds, objects, null — is a
 * TypeError, as Python's `'<' not supported between instances of …`.
 *
 * The runtime's PriorityQueue and both `queue` shims order items with it.
 *
 * @module
 */

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/**
 * Compare two items like Python's `<` would: negative when `a` comes first,
 * positive when `b` does, 0 when neither is smaller. Throws a TypeError for
 * kinds Python could not order either.
 *
 * @example
 * naturalOrder([1, 'b'], [1, 'a']); // > 0
 * naturalOrder(2, 10);              // < 0
 * naturalOrder({}, 1);              // TypeError: PriorityQueue cannot order Object and number
 */
export function naturalOrder(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const ta = typeof a;
  const tb = typeof b;
  if (((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) || (ta === 'string' && tb === 'string')) {
    return (a as number) < (b as number) ? -1 : (b as number) < (a as number) ? 1 : 0;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = naturalOrder(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new TypeError(`PriorityQueue cannot order ${kind(a)} and ${kind(b)} (numbers, strings and arrays of them only)`);
}

/**
 * Refuse NaN (alone or inside a tuple-like array) under the default order: it
 * compares neither less nor greater than anything, so one NaN in the heap
 * silently scrambles the order of every other item. Checked on every put,
 * also into an empty queue, so the NaN is blamed, not the next item.
 *
 * @example
 * refuseNaN([1, NaN]); // RangeError
 */
export function refuseNaN(item: unknown): void {
  if (Number.isNaN(item)) throw new RangeError('PriorityQueue cannot order NaN (it is neither smaller nor larger than anything), got NaN');
  if (Array.isArray(item)) for (const part of item) refuseNaN(part);
}
