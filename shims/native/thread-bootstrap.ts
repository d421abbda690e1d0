/**
 * "Stop at the first start": while a new native thread imports its target's
 * module, that module's top-level code runs up to the point where it starts
 * its first thread, and no further.
 *
 * The new thread imports the module again (the model of Python's
 * multiprocessing "spawn"), so an unguarded script would otherwise start its
 * threads again in every thread. During that import the first
 * `Thread.start()` (or `start_new_thread`) throws {@link BootstrapStop}
 * instead, which aborts the module's evaluation; the runner catches it from
 * the import and runs the target, whose module bindings initialized up to
 * that point stay usable through closures. Guard top-level code that must
 * run once with `if (current_thread() === main_thread())`.
 *
 * "During that import" follows the import's async context: code the module
 * left running (an `async function main()` called without `await`, which
 * resumes after the import completed) keeps stopping at its thread starts,
 * so a module cannot start its threads again from a continuation; the
 * target itself runs outside that context and starts threads freely.
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { GreenError, named } from '../../runtime/errors.js';

/**
 * What the first thread start throws while a new thread imports its
 * target's module. Only the thread runner should ever catch it.
 *
 * @example
 * try { await import(url); } catch (e) { if (!(e instanceof BootstrapStop)) throw e; }
 */
export class BootstrapStop extends GreenError {
  constructor() {
    super(
      "a native thread is importing this module to run its target: the module's top-level code stops at its first " +
        'thread start there (guard code that must run once with `if (current_thread() === main_thread())`)',
      'ERR_GREEN_BOOTSTRAP_STOP',
    );
  }
}
named(BootstrapStop, 'BootstrapStop');

const bootstrapping = new AsyncLocalStorage<() => void>();

/**
 * Called first by every thread start: throws {@link BootstrapStop} while
 * this thread imports its target's modules (after calling the runner's
 * `onStop`, which may save what the module built so far).
 *
 * @example
 * start() { stopIfBootstrapping(); … }
 */
export function stopIfBootstrapping(): void {
  const onStop = bootstrapping.getStore();
  if (onStop === undefined) return;
  onStop();
  throw new BootstrapStop();
}

/**
 * Whether `error` is the bootstrap stop.
 *
 * @example
 * process.on('unhandledRejection', (e) => { if (!isBootstrapStop(e)) throw e; });
 */
export function isBootstrapStop(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_GREEN_BOOTSTRAP_STOP';
}

/**
 * Run `load` (an import) with thread starts stopping; `stopped` is called
 * at a stop, before the throw. Resolves whether the module completed or
 * stopped; other errors reject.
 *
 * @example
 * const ns = await bootstrapImport(() => import(url), () => {});
 */
export async function bootstrapImport<T>(load: () => Promise<T> | T, stopped: () => void): Promise<T | null> {
  try {
    return await bootstrapping.run(stopped, load);
  } catch (error) {
    if (isBootstrapStop(error)) return null;
    throw error;
  }
}
