/**
 * A helper for end-to-end tests that act as a user's app: a temp directory
 * whose node_modules/green-loader links to this package (run processes in it
 * with `runNode` of helpers.ts; this file holds no tests).
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's root directory (tests run from dist/test/). @example join(REPO, 'package.json'); */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Make a temp app directory: `node_modules/green-loader` links to this
 * package, and each of `files` (path relative to the app → text) is written.
 * The caller removes it (`rmSync(dir, { recursive: true, force: true })`).
 *
 * @example
 * const app = makeLinkedApp('green-e2e-', { 'app.mjs': "import 'threading';" });
 */
export function makeLinkedApp(prefix: string, files: Record<string, string>): string {
  const app = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(REPO, join(app, 'node_modules', 'green-loader'), 'dir');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    writeFileSync(join(app, file), text);
  }
  return app;
}
