/**
 * Small integer identities, reused like gevent's `minimal_ident`.
 *
 * An ident is handed out on first use (most greenlets never need one) and
 * returned once its greenlet is garbage-collected, so the numbers stay small
 * for long-running programs; the smallest free number is handed out first.
 * The hub's main pseudo-greenlet takes its ident when the hub is created: 1
 * on the main thread, the thread's own ident (`threadId + 1`) in a worker.
 *
 * @module
 */

const free: number[] = []; // a binary min-heap
let next = 1;
let reserved = 0; // a fixed ident (a worker's main greenlet) never handed out

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
  let ident = free.length > 0 ? takeSmallest() : next++;
  if (ident === reserved) ident = free.length > 0 ? takeSmallest() : next++; // never freed: skipped once for good
  registry.register(owner, ident);
  return ident;
}

/**
 * Set aside `ident` for an owner that lives as long as the thread (a worker
 * thread's main greenlet takes its thread's ident): {@link allocateIdent}
 * never hands it out. One reservation per thread.
 *
 * @example
 * this.ident = reserveIdent(threadId + 1);
 */
export function reserveIdent(ident: number): number {
  reserved = ident;
  return ident;
}
