/**
 * Keeping the thread's event loop alive while a native wait is pending.
 *
 * `Atomics.waitAsync` does not hold the event loop open: a process whose only
 * pending work is a lock wait would exit silently. Each pending wait takes a
 * hold; while any hold exists one ref'd interval timer (which never fires in
 * practice) keeps the loop — and so the thread or process — alive.
 *
 * @module
 */

let holds = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Take a hold on the event loop; call the returned function (once; later
 * calls do nothing) to let go.
 *
 * @example
 * const release = holdOpen();
 * try { await pending; } finally { release(); }
 */
export function holdOpen(): () => void {
  if (holds++ === 0) timer = setInterval(() => {}, 2 ** 30);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--holds === 0) clearInterval(timer);
  };
}
