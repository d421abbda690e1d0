/**
 * Helpers for end-to-end tests that act as a user's app: a temp directory
 * whose node_modules/green-loader links to this package, and child processes
 * run in it with a clean green-loader environment (this file holds no tests).
 */
import { spawn } from 'node:child_process';
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

/**
 * How a child process ended and what it wrote.
 *
 * @example
 * const { code, stdout }: ProcessResult = await runIn(app, process.execPath, ['app.mjs']);
 */
export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `command args…` in `cwd` and collect its output. The green-loader
 * variables and NODE_OPTIONS of this process are not passed on (only `env`
 * sets them), so the test runner's environment cannot change the result.
 *
 * @example
 * const result = await runIn(app, process.execPath, ['--import', 'green-loader', 'app.mjs'], { GREEN_PATCH: 'none' });
 */
export function runIn(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Promise<ProcessResult> {
  const inherited = { ...process.env };
  for (const name of ['GREEN_PATCH', 'GREEN_DEBUG', 'NODE_OPTIONS']) delete inherited[name];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...inherited, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
