/**
 * The scope greenlets start in on Node's context frames (Node 24 and later,
 * or Node 22 with `--experimental-async-context-frame`).
 *
 * There, AsyncLocalStorage keeps its values in a context frame: a Map that
 * every `enterWith` builds by copying the frame current at the time, then
 * adding its own entry. Entered straight after the previous greenlet's start,
 * a greenlet's frame would copy that greenlet's frame (an iteration that
 * allocates ~150 B of iterator objects per start) before replacing its one
 * entry. Entered from a frame without entries, it is an empty Map plus one
 * entry. The root scope is an AsyncResource made before any greenlet exists:
 * running in it restores the frame current when it was made (none at all in
 * a program that uses no other AsyncLocalStorage), so each start copies
 * nothing of another greenlet's.
 *
 * With the older implementation (async hooks: Node 20, 22) `enterWith` only
 * writes a property of the current async resource, allocating nothing, and
 * there is no root scope: the hub enters greenlets directly.
 *
 * @module
 */
import { builtin } from './builtin.js';

/** What the hub needs of an AsyncResource. */
export interface RootScope {
  runInAsyncScope<A, R>(fn: (arg: A) => R, thisArg: null, arg: A): R;
}

/**
 * Whether AsyncLocalStorage runs on context frames. Probed, not read from
 * the version: Node 22 has them behind a flag, Node 24 can turn them off.
 * A store entered inside a resource's scope stays on that resource with
 * async hooks, and is gone once the scope ends with frames.
 */
function usesContextFrames(): boolean {
  const { AsyncLocalStorage, AsyncResource } = builtin('node:async_hooks');
  const probe = new AsyncLocalStorage<boolean>();
  const scope = new AsyncResource('GreenletProbe');
  scope.runInAsyncScope(() => probe.enterWith(true));
  const kept = scope.runInAsyncScope(() => probe.getStore());
  probe.disable();
  return kept !== true;
}

/**
 * @internal A new root scope on context frames, or null with async hooks.
 * Call it before any greenlet's context is entered (the hub does, when it is
 * created): the frame it restores must not name a greenlet.
 *
 * @example
 * const scope = makeRootScope();
 * if (scope) scope.runInAsyncScope(start, null, g);
 */
export function makeRootScope(): RootScope | null {
  if (!usesContextFrames()) return null;
  const { AsyncResource } = builtin('node:async_hooks');
  return new AsyncResource('GreenletHub') as RootScope;
}
