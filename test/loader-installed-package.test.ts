/**
 * packageInstalled: whether a node_modules/<name> directory exists on the
 * requester's path, which keeps the loader from replacing an installed but
 * broken package with a shim.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageInstalled } from '../loader/installed-package.js';

const root = mkdtempSync(join(tmpdir(), 'green-installed-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'node_modules', 'threading'), { recursive: true });
mkdirSync(join(root, 'app', 'src', 'node_modules'), { recursive: true });
writeFileSync(join(root, 'app', 'src', 'node_modules', 'time'), 'a file, not a package directory');

test('found in any node_modules up the requester path, from a file URL or a path', () => {
  const file = join(root, 'app', 'src', 'main.mjs');
  assert.equal(packageInstalled('threading', pathToFileURL(file).href), true);
  assert.equal(packageInstalled('threading', file), true);
  assert.equal(packageInstalled('thread', file), false);
  assert.equal(packageInstalled('time', file), false, 'a plain file named like the package is no package');
});

test('without a file requester (entry point, data: URL) the lookup starts at the current directory', () => {
  const cwd = process.cwd();
  try {
    process.chdir(join(root, 'app'));
    assert.equal(packageInstalled('threading', undefined), true);
    assert.equal(packageInstalled('threading', 'data:text/javascript,1'), true);
    assert.equal(packageInstalled('thread', undefined), false);
  } finally {
    process.chdir(cwd);
  }
});
