/**
 * How a native thread's target crosses to the new thread: a function goes as
 * its source text (checked up front: built-in, bound and class functions have
 * none), a module target as its resolved specifier.
 *
 * @module
 */
import { checkTarget as checkAnyTarget, type Target, type ThreadFunction } from '../shared/target.js';
import { compileFunction, functionSource } from './function-source.js';

export type { ModuleTarget, ResolvedModuleTarget, Target, ThreadFunction, ThreadTarget } from '../shared/target.js';

/**
 * A target as sent to a new thread.
 *
 * @example
 * const sent: SentTarget = { source: '(n) => n + 1' };
 */
export type SentTarget = { source: string } | { module: string; export: string };

/**
 * Check a native thread target: the shared checks, plus a function must have
 * source text to send.
 *
 * @example
 * const target = checkTarget(options.target, 'target');
 */
export function checkTarget(value: unknown, name: string): Target {
  if (typeof value === 'function') functionSource(value as ThreadFunction, name);
  return checkAnyTarget(value, name);
}

/**
 * The form of a target that crosses to another thread.
 *
 * @example
 * workerData.target = sendTarget(target);
 */
export function sendTarget(target: Target): SentTarget {
  return typeof target === 'function' ? { source: functionSource(target, 'target') } : target;
}

/**
 * Rebuild a sent target in the new thread (compiling a function's source).
 *
 * @example
 * const target = receiveTarget(job.target);
 */
export function receiveTarget(sent: SentTarget): Target {
  return 'source' in sent ? compileFunction(sent.source) : sent;
}
