/**
 * The `green-loader/shims` types entry, as a TypeScript user meets it: an app
 * in a temp directory (node_modules/green-loader links to this package) that
 * imports bare `threading`, `thread` and `time` is type-checked by this
 * package's own tsc, and then the JavaScript it emits runs under the loader.
 * The app is test/fixtures/ts-app (kept out of the package's own build).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { SHIM_NAMES } from '../shims/registry.js';
import { runNode, type Ran } from './helpers.js';
import { makeApp, REPO } from './e2e-app.js';

const FIXTURE = join(REPO, 'test', 'fixtures', 'ts-app');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const tsc = (args: string[]) => runNode(process.execPath, [TSC, ...args], { cwd: app });

let built: Ran;
const app = makeApp(typesAppFiles(), 'green-types-');

/** The TypeScript app's files: the fixture, a package.json and the reference form. */
function typesAppFiles(): Record<string, string> {
  const files: Record<string, string> = { 'package.json': '{ "type": "module" }' };
  for (const name of readdirSync(FIXTURE)) files[name] = readFileSync(join(FIXTURE, name), 'utf8');
  // The reference form: one line in a source file instead of tsconfig's "types".
  files['reference.ts'] = [
    '/// <reference types="green-loader/shims" />',
    "import { Lock } from 'threading';",
    'export const lock: Lock = new Lock();',
  ].join('\n');
  return files;
}

before(async () => {
  // Like any Node app's own @types/node.
  symlinkSync(join(REPO, 'node_modules', '@types'), join(app, 'node_modules', '@types'), 'dir');
  built = await tsc(['-p', '.']); // type-check and emit out/app.js
});


describe('green-loader/shims', () => {
  test('an app against bare threading, thread and time type-checks with "types": ["green-loader/shims"]', async () => {
    assert.equal(built.code, 0, built.stdout + built.stderr);
  });

  test('without the opt-in the bare names are unknown to TypeScript', async () => {
    const result = await tsc(['-p', '.', '--types', 'node', '--noEmit']);
    assert.notEqual(result.code, 0);
    for (const name of ['threading', 'thread', 'time']) {
      assert.match(result.stdout, new RegExp(`error TS2307: Cannot find module '${name}'`));
    }
  });

  test('a triple-slash reference opts in too', async () => {
    const result = await tsc(['--ignoreConfig', 'reference.ts', '--module', 'nodenext', '--strict', '--noEmit']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  for (const [mode, env] of [['green', {}], ['native', { GREEN_PATCH: 'none' }]] as const) {
    test(`the emitted app runs under --import green-loader (${mode})`, async () => {
      assert.equal(built.code, 0, built.stdout);
      const result = await runNode(process.execPath, ['--import', 'green-loader', 'out/app.js'], { cwd: app, env });
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stdout.trim().split('\n');
      assert.deepEqual(lines.slice(0, 2).sort(), ['worker 1', 'worker 2']);
      assert.deepEqual(lines.slice(2), ['done true false object true']);
    });
  }
});

test('types/shims.d.ts declares exactly the shim table\'s modules', () => {
  const declared = [...readFileSync(join(REPO, 'types', 'shims.d.ts'), 'utf8').matchAll(/declare module '([^']+)'/g)].map((m) => m[1]);
  assert.deepEqual(declared.sort(), [...SHIM_NAMES].sort());
});
