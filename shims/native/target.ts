/**
 * How a native thread's target crosses to the new thread: a function as
 * where it is declared (see `target-location`; its source text when it is
 * declared nowhere the thread can import), a module target as its resolved
 * specifier.
 *
 * @module
 */
import { checkTarget as checkAnyTarget, type Target, type ThreadFunction } from '../shared/target.js';
import { locateTarget, targetInThread, type Imported, type ModuleRef, moduleOf } from './target-location.js';
import type { SentTarget } from './thread-job.js';

export type { ModuleTarget, ResolvedModuleTarget, Target, ThreadFunction, ThreadTarget } from '../shared/target.js';
export type { SentTarget } from './thread-job.js';

/**
 * Check a native thread target: the shared checks (a relative module target
 * resolves against the module `namer` names), and a class is refused.
 *
 * @example
 * const target = checkTarget(options.target, 'target', () => callerUrl);
 */
export function checkTarget(value: unknown, name: string, namer?: () => string | null): Target {
  if (typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value))) {
    throw new TypeError(`${name} must be a function, not a class`);
  }
  return checkAnyTarget(value, name, namer);
}

/**
 * The form of a checked target that crosses to another thread, and the
 * module that thread must import for it (if any).
 *
 * @example
 * const { sent, module } = sendTarget(target, () => callerUrl);
 */
export function sendTarget(target: Target, namer: () => string | null): { sent: SentTarget; module: ModuleRef | null } {
  if (typeof target !== 'function') return { sent: target, module: null };
  const where = locateTarget(target, namer);
  return { sent: { where }, module: moduleOf(where) };
}

/**
 * Rebuild a sent target in the new thread, after its module was imported.
 *
 * @example
 * const { target, fromSource } = receiveTarget(job.target, imported);
 */
export function receiveTarget(sent: SentTarget, imported: Imported): { target: Target; fromSource: boolean } {
  if (!('where' in sent)) return { target: sent, fromSource: false };
  const { fn, fromSource } = targetInThread(sent.where, imported);
  return { target: fn as ThreadFunction, fromSource };
}

