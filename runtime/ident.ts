/**
 * Small integer identities, reused like gevent's `minimal_ident`.
 *
 * An ident is handed out on first use (most greenlets never need one) and
 * returned once its greenlet is garbage-collected, so the numbers stay small
 * for long-running programs; the smallest free number is handed out first.
 *
 * @module
 */

const free: number[] = []; // a binary min-heap
let next = 1;

const registry = new FinalizationRegistry<number>((ident) => release(ident));

function release(ident: number): void {
  let i = free.push(ident) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (free[parent]! <= ident) break;
    free[i] = free[parent]!;
    i = parent;
  }
  free[i] = ident;
}

function takeSmallest(): number {
  const top = free[0]!;
  const last = free.pop()!;
  if (free.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= free.length) break;
      const c = l + 1 < free.length && free[l + 1]! < free[l]! ? l + 1 : l;
      if (free[c]! >= last) break;
      free[i] = free[c]!;
      i = c;
    }
    free[i] = last;
  }
  return top;
}

/**
 * Give `owner` the smallest free ident; it comes back when `owner` is collected.
 *
 * @example
 * this._ident ||= allocateIdent(this);
 */
export function allocateIdent(owner: object): number {
  const ident = free.length > 0 ? takeSmallest() : next++;
  registry.register(owner, ident);
  return ident;
}
