/**
 * Moving a function to another thread as source text.
 *
 * A native thread is a separate isolate: a function can only be sent as its
 * source text and compiled again there, without the variables it closed
 * over. {@link functionSource} refuses what has no usable source (built-in,
 * bound, class); {@link compileFunction} rebuilds a function (including a
 * method written in shorthand, `run() { … }`); {@link withClosureHint}
 * explains the ReferenceError a captured variable turns into.
 *
 * @module
 */

const CLOSURE_HINT =
  '(native thread code runs from its source text in another thread and cannot use variables captured ' +
  'from the enclosing scope: pass values in args, or use a module target)';

/**
 * The source text of a function that can be compiled again in another thread.
 * Throws a TypeError naming `name` for built-in, bound and class functions.
 *
 * @example
 * functionSource((a, b) => a + b, 'target'); // '(a, b) => a + b'
 */
export function functionSource(fn: (...args: any[]) => unknown, name: string): string {
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}$/.test(source)) {
    throw new TypeError(`${name} is a built-in or bound function: it has no source to send to a native thread; use a module target`);
  }
  if (/^class\b/.test(source)) throw new TypeError(`${name} must be a function, not a class`);
  return source;
}

/**
 * Names that code sent as source sees besides globals: inside a native thread
 * the thread's `threading`, `thread`, `time` and `queue` modules (filled in by the
 * worker entry), so a target written as `threading.get_ident()` runs the same
 * on a native thread as on a greenlet, where the name is the app's import.
 */
export const sourceScope: Record<string, unknown> = {};

/**
 * Compile a function's source text again (in this thread's global scope,
 * plus {@link sourceScope}).
 *
 * @example
 * const add = compileFunction('(a, b) => a + b');
 */
export function compileFunction(source: string): (...args: unknown[]) => unknown {
  const names = Object.keys(sourceScope);
  const values = Object.values(sourceScope);
  try {
    return new Function(...names, `return (${source}\n);`)(...values);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const holder = new Function(...names, `return ({${source}\n});`)(...values) as Record<string, (...args: unknown[]) => unknown>;
  return holder[Object.keys(holder)[0]!]!;
}

/**
 * Add the "native code cannot capture variables" hint to a ReferenceError
 * (once); other errors are returned untouched.
 *
 * @example
 * catch (error) { report(withClosureHint(error)); }
 */
export function withClosureHint(error: unknown): unknown {
  if (!(error instanceof ReferenceError) || error.message.includes(CLOSURE_HINT)) return error;
  const { stack } = error;
  const before = `${error.name}: ${error.message}`;
  error.message = `${error.message} ${CLOSURE_HINT}`;
  if (stack?.startsWith(before)) error.stack = `${error.name}: ${error.message}${stack.slice(before.length)}`;
  return error;
}
