/**
 * The CommonJS facades' builder: getters over the facade registry, loading
 * the ES facade only when none is registered, and failing clearly when the
 * load registers nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerFacade } from '../shims/shared/live-facades.js';
import { patchItem, unpatch } from '../monkey/index.js';

const require = createRequire(import.meta.url);
const { liveExports } = require('../shims/shared/live-exports.cjs') as typeof import('../shims/shared/live-exports.cjs');

test('an already registered facade is read live, without loading anything', () => {
  registerFacade('test-live', { answer: 41 }, () => {});
  const view = liveExports<{ answer: number }>('test-live', '/nonexistent/must-not-load.js');
  assert.deepEqual(Object.keys(view), ['answer']);
  patchItem('test-live', 'answer', 42);
  assert.equal(view.answer, 42);
  unpatch('test-live');
  assert.equal(view.answer, 41);
  assert.ok(Object.isFrozen(view));
});

test('a facade not registered yet is loaded first, through require(esm)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'green-live-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const facades = new URL('../shims/shared/live-facades.js', import.meta.url).href;
  writeFileSync(join(dir, 'lazy.mjs'), `import { registerFacade } from '${facades}';\nregisterFacade('test-live-lazy', { ready: true }, () => {});`);
  writeFileSync(join(dir, 'silent.mjs'), 'export {};');
  const view = liveExports<{ ready: boolean }>('test-live-lazy', join(dir, 'lazy.mjs'));
  assert.equal(view.ready, true);
  assert.throws(() => liveExports('test-live-missing', join(dir, 'silent.mjs')), /the test-live-missing facade did not register itself/);
});
