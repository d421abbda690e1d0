/**
 * Sites: where in the user's code a greenlet was spawned or waits, for
 * failure reports, LoopExit and run info.
 *
 * A site is a stack captured when it is cheap enough to be wanted (the hub's
 * `captureSpawnSites` debug switch: 2–3 µs per capture on Node 20) and read
 * only when a report is printed. The frame shown is the first one outside
 * this package's own folders (runtime, shims, monkey patching, loader) and
 * outside Node's internals, so a wait in the green `threading.Lock` points at
 * the user's `await lock.acquire()`, not at the shim.
 *
 * @module
 */

/** A captured stack, read lazily: `stack` is formatted only when first read. */
export interface Site {
  stack?: string;
}

const FRAMES = 12;
// A frame with a file position (`…:4:20` or `…:4:20)`), not `Promise.all (index 0)` or `<anonymous>`.
const LOCATION = /:\d+:\d+\)?$/;

// Sibling folders of this one in the built package: code that is never the user's.
const internalDirs = ['runtime', 'shims', 'monkey', 'loader'].map((dir) => new URL(`../${dir}/`, import.meta.url).href);

/**
 * Capture the current stack, omitting `below` and everything it called.
 *
 * @example
 * const site = captureSite(park);
 */
export function captureSite(below: Function): Site {
  const site: Site = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAMES;
  Error.captureStackTrace(site, below);
  Error.stackTraceLimit = limit;
  return site;
}

/**
 * A greenlet's body is called as `greenlet.fn(...)`: V8 names its frame
 * `Greenlet.worker [as fn]`, or `Greenlet.fn` for an anonymous function.
 * Show the function the user wrote: `worker (…)`, or just the location.
 */
function tidy(frame: string): string {
  return frame.replace(/^Greenlet\.(\S+) \[as fn\] \(/, '$1 (').replace(/^Greenlet\.fn \((.*)\)$/, '$1');
}

/**
 * The first frame of `site` in the user's code, trimmed (`one (file:///app.mjs:4:20)`),
 * or null when none was captured or every frame is internal.
 *
 * @example
 * userFrame(captureSite(spawn)); // 'main (file:///app.mjs:12:3)'
 */
export function userFrame(site: Site | null | undefined): string | null {
  const stack = site?.stack;
  if (typeof stack !== 'string') return null;
  for (const line of stack.split('\n')) {
    if (!line.startsWith('    at ')) continue;
    const frame = line.slice(7).replace(/^async /, '');
    if (!LOCATION.test(frame) || frame.includes('node:') || internalDirs.some((dir) => frame.includes(dir))) continue;
    return tidy(frame);
  }
  return null;
}
