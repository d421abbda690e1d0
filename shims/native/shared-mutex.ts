/**
 * A mutex in one shared `Int32Array` cell, for critical sections that are
 * short and synchronous (a few memory moves): the native queue holds it to
 * change its shared state, from any thread.
 *
 * A compare-and-swap takes a free mutex; a taken one is spun on briefly,
 * then slept on with the blocking `Atomics.wait` — allowed in Node's main
 * thread too, and only ever as long as another thread's critical section.
 * The cell is 0 (free), 1 (held) or 2 (held, and someone may sleep on it),
 * so an uncontended unlock costs one atomic operation and no wake-up.
 *
 * @module
 */

const FREE = 0;
const HELD = 1;
const CONTENDED = 2;
const SPINS = 64;

/**
 * Take the mutex in `cell[index]`, waiting for its holder if needed.
 *
 * @example
 * lockCell(meta, LOCK);
 * try { meta[COUNT] += 1; } finally { unlockCell(meta, LOCK); }
 */
export function lockCell(cell: Int32Array, index: number): void {
  if (Atomics.compareExchange(cell, index, FREE, HELD) === FREE) return;
  for (let i = 0; i < SPINS; i++) {
    if (Atomics.load(cell, index) === FREE && Atomics.compareExchange(cell, index, FREE, HELD) === FREE) return;
  }
  while (Atomics.exchange(cell, index, CONTENDED) !== FREE) Atomics.wait(cell, index, CONTENDED);
}

/**
 * Free the mutex in `cell[index]` (taken by {@link lockCell}) and wake one sleeper.
 *
 * @example
 * unlockCell(meta, LOCK);
 */
export function unlockCell(cell: Int32Array, index: number): void {
  if (Atomics.exchange(cell, index, FREE) === CONTENDED) Atomics.notify(cell, index, 1);
}
