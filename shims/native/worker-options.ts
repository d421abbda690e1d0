/**
 * Node options for the workers behind native threads.
 *
 * A native thread must not re-run the `--import green-loader` preload nor
 * get a hooks thread of its own (about 10 MB and 90 ms each on Node 20): its
 * `execArgv` drops every preload flag, and green-loader's own `--import` is
 * removed from `NODE_OPTIONS` (other options stay).
 *
 * @module
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD_FLAGS = new Set(['--import', '--loader', '--experimental-loader', '--require', '-r']);
const LOADER_DIR = fileURLToPath(new URL('../../loader/', import.meta.url));

/**
 * `execArgv` without preload flags (`--import`, `--loader`,
 * `--experimental-loader`, `--require`, `-r`, with their values).
 *
 * @example
 * workerExecArgv(['--import', 'tsx', '--max-old-space-size=99']); // ['--max-old-space-size=99']
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const flag = arg.split('=', 1)[0]!;
    if (!PRELOAD_FLAGS.has(flag)) kept.push(arg);
    else if (flag === arg) i++;
  }
  return kept;
}

/** Whether an `--import` value names green-loader's preload (by package name, or a path into its loader directory). */
function isGreenLoader(specifier: string): boolean {
  const value = specifier.replace(/^(["'])(.*)\1$/, '$2');
  if (value === 'green-loader' || value.startsWith('green-loader/')) return true;
  const path = value.startsWith('file:') ? fileURLToPath(value) : isAbsolute(value) || value.startsWith('.') ? resolve(value) : '';
  return path.startsWith(LOADER_DIR);
}

/**
 * `NODE_OPTIONS` without green-loader's `--import` (any form: `--import X`,
 * `--import=X`, quoted), other options kept in order.
 *
 * @example
 * workerNodeOptions('--import green-loader --max-old-space-size=99'); // '--max-old-space-size=99'
 */
export function workerNodeOptions(nodeOptions: string): string {
  const tokens = nodeOptions.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.startsWith('--import=') && isGreenLoader(token.slice('--import='.length))) continue;
    if (token === '--import' && i + 1 < tokens.length && isGreenLoader(tokens[i + 1]!)) i++;
    else kept.push(token);
  }
  return kept.join(' ');
}
