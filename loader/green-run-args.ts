/**
 * Command-line parsing for `green-run`, kept pure so every error path is
 * testable without spawning: options come before the script; everything after
 * the script belongs to it.
 *
 * @module
 */
import { GreenError, named } from '../runtime/errors.js';
import { SHIM_NAMES, modulesOfGroup, PATCH_GROUPS } from '../shims/registry.js';
import { PATCH_NAMES, parsePatchList } from './config.js';

/** One `--no-GROUP` line of the help, per patch group of the shim table. */
function noGroupLine(group: string): string {
  return `  ${`--no-${group}`.padEnd(15)}do not patch ${modulesOfGroup(group).join('/')} (the native one stays)`;
}

/** Text of `green-run --help`. */
export const USAGE = `Usage: green-run ${PATCH_GROUPS.map((group) => `[--no-${group}] `).join('')}[--patch=LIST] script.js [args...]

Run a script under green-loader: thread-style code (${SHIM_NAMES.join(', ')})
runs on greenlets instead of OS threads. The counterpart of
\`python -m gevent.monkey script.py\`; the same as
\`GREEN_PATCH=LIST node --import green-loader script.js args...\`.

Options:
  --patch=LIST   what to patch: a comma list of ${PATCH_NAMES.join(', ')}, and
                 -name to remove one (e.g. all,-time). Default: $GREEN_PATCH,
                 or all.
${PATCH_GROUPS.map(noGroupLine).join('\n')}
  -h, --help     show this help
  --             end of options (use before a script whose name starts with -)

Environment: GREEN_DEBUG=1 prints one line per patch/redirect decision.
The script's exit code is green-run's exit code.`;

/** What the command line asks for. */
export type GreenRunRequest =
  | { kind: 'help' }
  | { kind: 'run'; patch: string; script: string; args: string[] };

/**
 * A usage mistake; green-run prints it with a hint and exits 2 (a bad patch
 * list is a ConfigError instead, exit 1, as for the preload).
 *
 * @example
 * throw new UsageError('missing script');
 */
export class UsageError extends GreenError {
  constructor(message: string) {
    super(message, 'ERR_GREEN_USAGE');
  }
}
named(UsageError, 'UsageError');

/**
 * Parse green-run's arguments; `envPatch` is the inherited `GREEN_PATCH`.
 * The resulting patch list is validated (ConfigError when invalid).
 *
 * @example
 * parseGreenRunArgs(['--no-time', 'app.js', '-v'], undefined);
 * // { kind: 'run', patch: 'all,-time', script: 'app.js', args: ['-v'] }
 */
export function parseGreenRunArgs(argv: readonly string[], envPatch: string | undefined): GreenRunRequest {
  let base = envPatch ?? 'all';
  const removals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg.startsWith('--no-') && PATCH_GROUPS.includes(arg.slice(5))) removals.push(`-${arg.slice(5)}`);
    else if (arg.startsWith('--patch=')) base = arg.slice('--patch='.length);
    else if (arg === '--') return runOf(base, removals, argv.slice(i + 1));
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else return runOf(base, removals, argv.slice(i));
  }
  throw new UsageError('missing script');
}

/** The run request for `rest` = [script, ...args], with a validated patch list. */
function runOf(base: string, removals: string[], rest: readonly string[]): GreenRunRequest {
  const [script, ...args] = rest;
  if (script === undefined) throw new UsageError('missing script');
  const patch = [base, ...removals].filter((item) => item !== '').join(',');
  parsePatchList(patch);
  return { kind: 'run', patch, script, args };
}
