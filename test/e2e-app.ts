/**
 * Helpers for end-to-end tests: a temporary app directory whose
 * node_modules/green-loader links to this package, and real `node`
 * processes run in it with a clean green-loader environment. Set
 * GREEN_E2E_NODE=/path/to/node to run them under another Node. (This file
 * holds no tests.)
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode, type Ran } from './helpers.js';

/** The node binary the processes run. */
export const NODE = process.env.GREEN_E2E_NODE || process.execPath;
/** Its version (`process.versions.node` form). */
export const NODE_VERSION = spawnSync(NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
/** The repository root (what node_modules/green-loader links to). */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** What a process did. */
export type Result = Ran;

/**
 * Write `files` (path → text) into a new temporary directory with
 * node_modules/green-loader linked to this package (`prefix` names it); the
 * directory is removed after the calling test file.
 *
 * @example
 * const app = makeApp({ 'main.mjs': "import 'threading';" });
 */
export function makeApp(files: Record<string, string>, prefix = 'green-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(REPO, join(dir, 'node_modules', 'green-loader'), 'dir');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Run `node args…` (or `command`) in the app directory `cwd` with
 * GREEN_PATCH, GREEN_DEBUG and NODE_OPTIONS removed from the environment,
 * then `env` added (helpers.ts's {@link runNode}).
 *
 * @example
 * const { code, stdout } = await runInApp(app, ['--import', 'green-loader', 'main.mjs'], { GREEN_PATCH: 'none' });
 */
export function runInApp(cwd: string, args: string[], env: Record<string, string> = {}, command = NODE): Promise<Result> {
  return runNode(command, args, { cwd, env });
}

/**
 * The stdout lines of a process that must have exited 0 (its stderr shown otherwise).
 *
 * @example
 * const lines = succeeded(await runNode(app, ['main.mjs']));
 */
export function succeeded(result: Result): string[] {
  assert.equal(result.code, 0, `exit ${result.code}\n${result.stderr}`);
  return result.stdout.split('\n').filter((line) => line !== '');
}
