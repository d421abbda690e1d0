/**
 * Python's `Thread(target=None, name=None, args=(), kwargs=None,
 * daemon=None)` read once for both the green and the native Thread: the
 * argument checks, the defaults and Python's `Thread-N (target)` names.
 *
 * Pure helpers: a flavour passes in what differs (how a target is checked,
 * whose daemon flag is the default), so this module needs neither the
 * runtime's scheduler nor worker threads.
 *
 * @module
 */
import { checkOptions } from '../../runtime/validate.js';
import { truth } from './truth.js';
import { targetLabel, type Target, type ThreadTarget } from './target.js';

/**
 * The keyword arguments both Thread flavours accept; each flavour's
 * `ThreadOptions` extends it to say what `target` and `args` mean there.
 *
 * @example
 * const options: CommonThreadOptions = { name: 'worker', daemon: true };
 */
export interface CommonThreadOptions {
  /** A function or a module target `{ module, export? }`. */
  target?: ThreadTarget | null;
  /** Default `Thread-N (target name)`. */
  name?: string | null;
  /** Positional arguments. */
  args?: Iterable<unknown> | null;
  /** Python keyword arguments: passed as one trailing object argument when given. */
  kwargs?: Record<string, unknown> | null;
  /** Default: the creating thread's daemon flag; any Python truth value. */
  daemon?: unknown;
}

/**
 * The checked options with their defaults filled in, as a Thread keeps them.
 *
 * @example
 * const { target, args, kwargs, daemon, name } = threadFields(options, check, () => false);
 */
export interface ThreadFields {
  target: Target | null;
  args: unknown[];
  kwargs: Record<string, unknown> | null;
  daemon: boolean;
  name: string;
}

let counter = 0;

/**
 * The next default thread name, Python 3.10 style: `Thread-N` or `Thread-N (label)`.
 *
 * @example
 * newThreadName('worker'); // 'Thread-3 (worker)'
 */
export function newThreadName(label = ''): string {
  counter += 1;
  return label ? `Thread-${counter} (${label})` : `Thread-${counter}`;
}

/**
 * The name of a thread the shim did not start, `Dummy-N` (numbered with
 * `Thread-N`, as in Python).
 *
 * @example
 * newDummyThreadName(); // 'Dummy-4'
 */
export function newDummyThreadName(): string {
  counter += 1;
  return `Dummy-${counter}`;
}

/**
 * Check Python's Thread keyword arguments and fill in the defaults. The
 * default daemon flag is asked for before the default name is drawn.
 *
 * @param checkTarget checks a non-null target and returns its resolved form.
 * @param creatorIsDaemon the default daemon flag (the creating thread's).
 *
 * @example
 * const fields = threadFields(options, (t) => checkTarget(t, 'target'), () => current_thread().daemon);
 */
export function threadFields(
  options: CommonThreadOptions,
  checkTarget: (target: ThreadTarget) => Target,
  creatorIsDaemon: () => boolean,
): ThreadFields {
  checkOptions(options, 'options');
  const { target = null, name = null, args = [], kwargs = null, daemon = null } = options;
  const checked = target === null ? null : checkTarget(target);
  if (typeof (args as Iterable<unknown> | null)?.[Symbol.iterator] !== 'function') {
    throw new TypeError(`args must be an array or another iterable, got ${args === null ? 'null' : typeof args}`);
  }
  const argList = [...args!];
  if (kwargs !== null) checkOptions(kwargs, 'kwargs');
  const daemonFlag = daemon === null ? creatorIsDaemon() : truth(daemon);
  return {
    target: checked,
    args: argList,
    kwargs,
    daemon: daemonFlag,
    name: name === null ? newThreadName(checked ? targetLabel(checked) : '') : String(name),
  };
}
