/**
 * Reporting of uncaught thread errors, Python's `threading.excepthook`.
 *
 * Native and green threads hand an error that ended a thread to
 * {@link reportThreadException}, which calls whatever `threading.excepthook`
 * is *now* (read through the facade registry, so a hook installed later with
 * `patchItem('threading', 'excepthook', fn)` is honoured), falling back to
 * {@link defaultExcepthook}, which prints like Python.
 *
 * @module
 */
import { builtin } from '../../runtime/builtin.js';
import { currentAttr } from './live-facades.js';

/**
 * Python's `threading.ExceptHookArgs`.
 *
 * @example
 * const hook = (args: ExceptHookArgs) => log(args.thread?.name, args.exc_value);
 */
export interface ExceptHookArgs {
  /** The thrown value's constructor (`null` when it has none). */
  exc_type: unknown;
  /** The thrown value. */
  exc_value: unknown;
  /** Its stack trace text, or `null` (JS has no traceback object). */
  exc_traceback: string | null;
  /** The thread that failed, or `null` when unknown. */
  thread: { readonly name: string } | null;
}

/**
 * Build {@link ExceptHookArgs} for a thrown value.
 *
 * @example
 * reportThreadException(exceptHookArgs(err, thread));
 */
export function exceptHookArgs(error: unknown, thread: ExceptHookArgs['thread']): ExceptHookArgs {
  const stack = (error as { stack?: unknown } | null)?.stack;
  return {
    exc_type: (error as object | null)?.constructor ?? null,
    exc_value: error,
    exc_traceback: typeof stack === 'string' ? stack : null,
    thread,
  };
}

/**
 * Python's default `threading.excepthook`: writes `Exception in thread NAME:`
 * and the error (stack, cause, extra properties) to stderr. A
 * `ThreadExit` (from `thread.exit()`) is ignored, like Python's `SystemExit`.
 *
 * @example
 * defaultExcepthook(exceptHookArgs(new Error('boom'), current_thread()));
 */
export function defaultExcepthook(args: ExceptHookArgs): void {
  if ((args.exc_value as { code?: unknown } | null)?.code === 'ERR_GREEN_THREAD_EXIT') return;
  const name = args.thread ? args.thread.name : 'unknown';
  const shown = args.exc_value instanceof Error ? builtin('node:util').inspect(args.exc_value) : String(args.exc_value);
  process.stderr.write(`Exception in thread ${name}:\n${shown}\n`);
}

/**
 * Hand an uncaught thread error to the current `threading.excepthook` (or
 * {@link defaultExcepthook} when none is a function). A hook that throws is
 * reported by the default hook, then the original error is too.
 *
 * @example
 * reportThreadException(exceptHookArgs(err, thread));
 */
export function reportThreadException(args: ExceptHookArgs): void {
  const hook = currentAttr('threading', 'excepthook');
  if (typeof hook !== 'function') return defaultExcepthook(args);
  try {
    hook(args);
  } catch (error) {
    process.stderr.write('Exception in threading.excepthook:\n');
    defaultExcepthook(exceptHookArgs(error, args.thread));
    defaultExcepthook(args);
  }
}
