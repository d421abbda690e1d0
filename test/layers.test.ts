/**
 * The layers of SPEC §1, checked on the sources: runtime ← shims (shared,
 * then green and native, which never import each other) ← monkey ← loader.
 * A file that imports from a later layer fails here with its name and the
 * import.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every .ts/.cts source below a folder of the repository. */
function sources(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.c?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

/** The repository-relative files a source imports (relative specifiers only), import types included. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"\n;]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]|\b(?:import|require)\(\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    found.push(relative(ROOT, resolve(dirname(file), m[1] ?? m[2]!)));
  }
  return found;
}

/** Violations: `file -> import` for every import of `folder`'s files that `allowed` refuses. */
function violations(folder: string, allowed: (target: string, file: string) => boolean): string[] {
  const bad: string[] = [];
  for (const file of sources(folder)) {
    for (const target of importsOf(file)) if (!allowed(target, relative(ROOT, file))) bad.push(`${relative(ROOT, file)} -> ${target}`);
  }
  return bad;
}

const under = (path: string, folder: string) => path.startsWith(`${folder}/`);

test('the import scanner sees static, type-only, dynamic and require imports', () => {
  const file = join(ROOT, 'monkey', 'load-shim.ts');
  const seen = importsOf(file);
  assert.ok(seen.includes('shims/registry.js'), seen.join(', '));
  assert.ok(seen.includes('monkey/patch-module.js'), 'import type counts');
});

test('runtime/ imports nothing outside runtime/', () => {
  assert.deepEqual(violations('runtime', (target) => under(target, 'runtime')), []);
});

test('shims/green never imports shims/native, nor the reverse; shims/shared neither', () => {
  assert.deepEqual(violations('shims/green', (target) => !under(target, 'shims/native')), []);
  assert.deepEqual(violations('shims/native', (target) => !under(target, 'shims/green')), []);
  assert.deepEqual(violations('shims/shared', (target) => !under(target, 'shims/green') && !under(target, 'shims/native')), []);
});

test('shims/ reaches only runtime/ below it; monkey/ does not reach the loader', () => {
  assert.deepEqual(violations('shims', (target) => under(target, 'shims') || under(target, 'runtime')), []);
  assert.deepEqual(violations('monkey', (target) => !under(target, 'loader')), []);
});
