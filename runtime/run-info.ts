/**
 * Run info (gevent's `gevent.util.format_run_info`): every live greenlet —
 * name, state, spawner, what it waits on, and where it was spawned and waits
 * when sites are recorded — as data ({@link Hub.runInfo}), as text
 * ({@link formatRunInfo}), and on a signal from outside the process
 * ({@link installRunInfoSignal}).
 *
 * Reading run info changes nothing: an unnamed greenlet is shown as
 * `Greenlet #N (fn)` (N its spawn order) rather than being given a name.
 *
 * @module
 */
import { builtin } from './builtin.js';
import { isMainThread } from './this-thread.js';
import { getCurrent } from './current.js';
import { InvalidState } from './errors.js';
import type { Greenlet } from './greenlet.js';
import { getHub } from './hub.js';
import { checkInteger, checkOptions } from './validate.js';

/**
 * What a live greenlet is doing.
 *
 * - `scheduled`: started, has not run yet (or waits for `startLater`'s delay);
 * - `waiting`: parked in a switch point (see `waits`);
 * - `running`: between switch points — awaiting something that is not one
 *   (a foreign promise), or about to resume;
 * - `current`: the greenlet that asked for the run info (main only when it
 *   has no open wait: code outside any greenlet runs as main).
 */
export type GreenletState = 'scheduled' | 'waiting' | 'running' | 'current';

/** One open wait of a greenlet. */
export interface WaitInfo {
  /** What it waits in: `Lock.acquire`, `Queue.get`, `join on worker-2`. */
  readonly on: string;
  /** Where in the user's code the wait began, when sites are recorded. */
  readonly site: string | null;
}

/** One live greenlet, as {@link Hub.runInfo} sees it. */
export interface GreenletInfo {
  /** Spawn order in its hub: 1, 2, … (never reused); 0 for the main pseudo-greenlet. */
  readonly serial: number;
  /** Its name, or `Greenlet #N (fn)` when it has none yet. */
  readonly name: string;
  /** What it is doing. */
  readonly state: GreenletState;
  /** The name of the greenlet that spawned it (`main` at top level), null for main. */
  readonly spawner: string | null;
  /** The name of the function it runs, when it has one. */
  readonly function: string | null;
  /** Its open waits (usually one; none unless `state` is `waiting`). */
  readonly waits: readonly WaitInfo[];
  /** Where in the user's code it was spawned, when sites are recorded. */
  readonly spawnSite: string | null;
  /** The greenlet itself (not enumerable: the rest stays plain JSON). */
  readonly greenlet: Greenlet;
}

/** Options of {@link Hub.runInfo}. */
export interface RunInfoOptions {
  /** At most this many greenlets, the oldest (default: all). */
  limit?: number;
}

const STARTED = 1;

/**
 * @internal Build the run info of `main` (when it waits) and the live
 * greenlets from `oldest` on, following `_livePrev` towards the newest.
 */
export function collectRunInfo(main: Greenlet, oldest: Greenlet | null, options?: RunInfoOptions): GreenletInfo[] {
  checkOptions(options, 'options');
  const limit = options?.limit ?? Infinity;
  if (limit !== Infinity) checkInteger(limit, 'options.limit', 0);
  const current = getCurrent();
  const info: GreenletInfo[] = [];
  if (main._waitHead && info.length < limit) info.push(describe(main, current));
  for (let g = oldest; g && info.length < limit; g = g._livePrev) info.push(describe(g, current));
  return info;
}

function describe(g: Greenlet, current: Greenlet): GreenletInfo {
  const waits: WaitInfo[] = [];
  for (let w = g._waitHead; w; w = w.ownerNext) waits.push({ on: w.describe(), site: w.site() });
  const main = getHub().main;
  // Main is "current" for any code outside a greenlet (a signal handler too): its waits say more.
  const isCurrent = g === current && !(g === main && waits.length > 0);
  const state: GreenletState = isCurrent ? 'current' : waits.length > 0 ? 'waiting' : g._state === STARTED ? 'scheduled' : 'running';
  const fn = g === main ? '' : g.fn.name;
  const info = {
    serial: g._serial,
    name: g._reportName(),
    state,
    spawner: g === main ? null : (g.spawningGreenlet?._reportName() ?? null),
    function: typeof fn === 'string' && fn !== '' ? fn : null,
    waits,
    spawnSite: g._spawnFrame(),
  };
  return Object.defineProperty(info, 'greenlet', { value: g, enumerable: false }) as typeof info & { greenlet: Greenlet };
}

/**
 * Run info as text, one block per greenlet, oldest first.
 *
 * @example
 * process.stderr.write(formatRunInfo());
 * // Run info (pid 4242): 2 live greenlets, oldest first
 * //   one: waiting, spawned by main
 * //     waits in Lock.acquire at one (file:///app.mjs:4:52)
 */
export function formatRunInfo(info: readonly GreenletInfo[] = getHub().runInfo()): string {
  const hub = getHub();
  const live = hub.liveGreenlets;
  const listed = info.filter((g) => g.serial !== 0).length;
  const count = listed < live ? `${listed} of ${live} live greenlets` : `${live} live greenlet${live === 1 ? '' : 's'}`;
  const lines = [`Run info (pid ${process.pid}): ${count}, oldest first`];
  for (const g of info) {
    const by = g.spawner === null ? '' : `, spawned by ${g.spawner}`;
    lines.push(`  ${g.name}: ${g.state}${by}`);
    for (const w of g.waits) lines.push(`    waits in ${w.on}${w.site ? ` at ${w.site}` : ''}`);
    if (g.spawnSite) lines.push(`    spawned at ${g.spawnSite}`);
  }
  if (!hub.captureSpawnSites) lines.push('(GREEN_SPAWN_SITES=1 shows where each was spawned and waits)');
  return `${lines.join('\n')}\n`;
}

/** The signals a run-info request may not use: uncatchable, or Node's own (SIGUSR1 starts the inspector). */
const RESERVED = new Set(['SIGKILL', 'SIGSTOP', 'SIGUSR1']);

/** At most this many greenlets in a run info printed on a signal. */
const SIGNAL_LIMIT = 1000;

const installed = new Map<string, () => void>();

/**
 * Print run info to stderr whenever the process receives `signal` (default
 * `SIGUSR2`): `kill -USR2 <pid>` shows what a stuck-looking process's
 * greenlets wait on, without a code change. Idempotent per signal; returns
 * a function that removes the handler. At most 1,000 greenlets are listed.
 * The signal is handled by the event loop, so a loop blocked by a busy
 * greenlet answers only once it is free again: that case is the blocking
 * monitor's ({@link startMonitor}). POSIX signals only (no SIGUSR2 on
 * Windows); main thread only (InvalidState in a worker: signals never reach one).
 *
 * @example
 * const uninstall = installRunInfoSignal('SIGUSR2');
 * // later: uninstall();
 */
export function installRunInfoSignal(signal: NodeJS.Signals = 'SIGUSR2'): () => void {
  if (typeof signal !== 'string' || !(signal in builtin('node:os').constants.signals) || RESERVED.has(signal)) {
    const shown = typeof signal === 'string' ? JSON.stringify(signal) : typeof signal;
    throw new RangeError(`signal must be a catchable signal name such as 'SIGUSR2' (not SIGKILL, SIGSTOP or Node's SIGUSR1), got ${shown}`);
  }
  // Signals reach the main thread only; a worker's hub is asked through its own code.
  if (!isMainThread()) throw new InvalidState('signals reach the main thread only: install the run-info signal there');
  const existing = installed.get(signal);
  if (existing) return existing;
  const print = (): void => {
    process.stderr.write(formatRunInfo(getHub().runInfo({ limit: SIGNAL_LIMIT })));
  };
  const uninstall = (): void => {
    if (installed.get(signal) !== uninstall) return;
    installed.delete(signal);
    process.off(signal, print);
  };
  process.on(signal, print);
  installed.set(signal, uninstall);
  return uninstall;
}
