/**
 * Module-level shareable objects are the same objects in every native
 * thread, matched by where they were created.
 *
 * A new native thread imports its target's module again, so the module's
 * top-level `const lock = new Lock()` runs again there. Every shareable kind
 * (Lock, RLock, Condition, Semaphore, BoundedSemaphore, Event, Barrier, and
 * any other {@link Shareable} that calls {@link shareAtSite} at the end of
 * its constructor) is recorded when a module's top-level code creates it,
 * under a key: its class, the creating line and column, and how many
 * objects that line created so far. `start()` sends the table of keys and
 * shared states with the thread; while the new thread imports modules, a
 * creation under a key in the table takes the creator's shared state
 * instead of its own. A creation that has no counterpart (made in a random
 * branch, or only in one thread) stays a distinct object, and GREEN_DEBUG
 * says so; so does a module-level creation after this thread started a
 * thread (threads started before cannot see it).
 *
 * Objects created at run time (no module body on the stack) are neither
 * recorded nor matched. The table holds its objects weakly.
 *
 * The same table carries the creator's shared class attributes (see
 * `shared-statics`), under keys of their own; the new thread binds them
 * when adoption ends, once its modules are imported.
 *
 * @module
 */
import { userSite } from '../shared/call-site.js';
import { nativeDebug } from './native-debug.js';
import { encode, reviveInto, type Shareable } from './shareable.js';
import { bindStatics, staticsForThread, type StaticKey } from './shared-statics.js';

/** The key of the shared statics' entry in the table. */
const STATICS = 'statics';

/** Classes that call {@link shareAtSite}; only the most derived one of an object acts. */
const siteShared = new Set<Function>();
const recorded = new Map<string, WeakRef<Shareable>>();
const counts = new Map<string, number>();
let inherited: Map<string, unknown> = new Map();
let adopting = false;
let started = false;

/**
 * Say that `cls` calls {@link shareAtSite} at the end of its constructor.
 *
 * @example
 * static { markSiteShared(Lock); }
 */
export function markSiteShared(cls: Function): void {
  siteShared.add(cls);
}

function mostDerived(object: object): Function | undefined {
  for (let proto = Object.getPrototypeOf(object); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (siteShared.has(proto.constructor)) return proto.constructor;
  }
  return undefined;
}

/**
 * Record (or, in a thread being set up, adopt) a shareable just built by
 * `cls`'s constructor. Call it last in the constructor.
 *
 * @example
 * constructor() { super(1); shareAtSite(this, Lock); }
 */
export function shareAtSite(object: Shareable, cls: Function): void {
  if (mostDerived(object) !== cls) return;
  const site = userSite(shareAtSite);
  if (!site?.moduleLevel) return;
  const where = `${site.url}:${site.line}:${site.column}`;
  const n = (counts.get(`${cls.name}@${where}`) ?? 0) + 1;
  counts.set(`${cls.name}@${where}`, n);
  const key = `${cls.name}@${where}#${n}`;
  const theirs = adopting ? inherited.get(key) : undefined;
  if (theirs !== undefined) reviveInto(theirs, object);
  else if (adopting) nativeDebug(`${cls.name} created at ${where} (#${n}) has no counterpart in the thread that started this one: it is this thread's own`);
  else if (started) nativeDebug(`${cls.name} created at module level at ${where} (#${n}) after this thread started a thread: threads started before it do not share it`);
  recorded.set(key, new WeakRef(object));
}

/**
 * The table a new thread gets: every live recorded object's shared state,
 * plus what this thread inherited and did not create itself.
 *
 * @example
 * job.sites = sitesForThread();
 */
export function sitesForThread(): Array<[string, unknown]> {
  started = true;
  const table = new Map(inherited);
  for (const [key, ref] of recorded) {
    const object = ref.deref();
    if (object) table.set(key, encode(object));
    else recorded.delete(key);
  }
  table.set(STATICS, staticsForThread());
  return [...table];
}

/**
 * In a new thread: take the creator's table, and whether creations now adopt from it.
 *
 * @example
 * receiveSites(job.sites); setAdopting(true); await import(url); setAdopting(false);
 */
export function receiveSites(table: Array<[string, unknown]>): void {
  inherited = new Map(table);
}

/**
 * Turn adoption on while a new thread imports its target's modules, off
 * after (which binds the creator's shared class attributes).
 *
 * @example
 * setAdopting(true);
 */
export function setAdopting(on: boolean): void {
  adopting = on;
  if (!on) bindStatics((inherited.get(STATICS) as Array<[StaticKey, SharedArrayBuffer]> | undefined) ?? []);
}
