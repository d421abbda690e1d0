/**
 * Is a package of this name installed where the requester would find it?
 *
 * A shim fills in a bare name only when the app has no package of that name.
 * "Not found" from the next resolver is not enough: an installed package whose
 * `main` or `exports` points at a missing file fails with the same code, and
 * replacing it would hide the app's real problem. So before redirecting, look
 * for a `node_modules/<name>` directory on the requester's path up to the
 * root, as Node's own lookup walks it.
 *
 * @module
 */
import { builtin } from '../runtime/builtin.js';

/**
 * True when some `node_modules/<name>` directory exists from `from`'s folder up
 * to the filesystem root. `from` is a file URL or path of the requesting module
 * (the current directory when absent or not a file).
 *
 * @example
 * if (isNotFound(error) && !packageInstalled('threading', context.parentURL)) return redirect;
 */
export function packageInstalled(name: string, from: string | undefined): boolean {
  const { statSync } = builtin('node:fs');
  const { dirname, join } = builtin('node:path');
  let dir = startDir(from);
  for (;;) {
    if (statSync(join(dir, 'node_modules', name), { throwIfNoEntry: false })?.isDirectory()) return true;
    const up = dirname(dir);
    if (up === dir) return false;
    dir = up;
  }
}

function startDir(from: string | undefined): string {
  const { dirname, isAbsolute } = builtin('node:path');
  if (from?.startsWith('file:')) return dirname(builtin('node:url').fileURLToPath(from));
  if (from && isAbsolute(from)) return dirname(from);
  return process.cwd(); // the entry point, or a data:/node: parent: where the app runs
}
