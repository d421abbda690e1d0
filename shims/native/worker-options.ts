/**
 * The preloads a native thread runs again: the user's `--import` modules
 * (tsx, an APM agent), from `NODE_OPTIONS` then the command line, in that
 * order, without green-loader's own preload.
 *
 * A native thread is an `eval` worker, which inherits the parent's
 * `execArgv` as it is (an explicit `execArgv` is validated per flag, and
 * some runners' — Node 24's test runner children — hold process-wide flags
 * a Worker refuses) but skips every `--import` preload; `--require`
 * preloads do run there. So the thread imports these itself before
 * anything else, and installs only green-loader's resolve hooks (not its
 * whole preload: no second patching, no second configuration).
 *
 * @module
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOADER_DIR = fileURLToPath(new URL('../../loader/', import.meta.url));

/** Whether an `--import` value names green-loader's preload (by package name, or a path into its loader directory). */
function isGreenLoader(specifier: string): boolean {
  if (specifier === 'green-loader' || specifier.startsWith('green-loader/')) return true;
  const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : isAbsolute(specifier) || specifier.startsWith('.') ? resolve(specifier) : '';
  return path.startsWith(LOADER_DIR);
}

function imports(args: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--import=')) found.push(arg.slice('--import='.length));
    else if (arg === '--import' && i + 1 < args.length) found.push(args[++i]!);
  }
  return found.map((value) => value.replace(/^(["'])(.*)\1$/, '$2'));
}

/**
 * The `--import` specifiers of `NODE_OPTIONS` and `execArgv` other than
 * green-loader's, without repeats.
 *
 * @example
 * userPreloads(['--import', 'tsx', '--import=green-loader'], ''); // ['tsx']
 */
export function userPreloads(execArgv: readonly string[], nodeOptions: string): string[] {
  return [...new Set([...imports(tokens(nodeOptions)), ...imports(execArgv)])].filter((specifier) => !isGreenLoader(specifier));
}

/** `NODE_OPTIONS` split as Node splits it (quoted values kept whole). */
function tokens(nodeOptions: string): string[] {
  return nodeOptions.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
}

/**
 * Whether `NODE_OPTIONS` or `execArgv` names a `--require` (`-r`) preload,
 * which a worker runs before any module of its own.
 *
 * @example
 * hasRequirePreload(['-r', './apm.cjs'], ''); // true
 */
export function hasRequirePreload(execArgv: readonly string[], nodeOptions: string): boolean {
  return [...tokens(nodeOptions), ...execArgv].some((arg) => arg === '-r' || arg === '--require' || arg.startsWith('--require='));
}
