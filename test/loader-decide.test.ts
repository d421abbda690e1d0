/**
 * Unit tests of the one shim decision every resolution path uses, and of the
 * resolve hook driven with fake `next` resolvers (sync and async), so the
 * registerHooks code path is covered on Node 20 too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionLine, isNotFound, OWN_ROOT, shimTarget } from '../loader/decide.js';
import { SHIM_NAMES } from '../shims/registry.js';
import { resolve, type ResolveResult } from '../loader/resolve-hook.js';

const ROOT = 'file:///opt/pkg/dist/';
const APP = 'file:///app/main.mjs';

test('bare shim names map to the ES facade for import and the .cjs twin for require', () => {
  assert.deepEqual([...SHIM_NAMES].sort(), ['queue', 'thread', 'threading', 'time']);
  for (const name of SHIM_NAMES) {
    assert.equal(shimTarget(name, APP, 'import', ROOT), `${ROOT}shims/${name}.js`);
    assert.equal(shimTarget(name, APP, 'require', ROOT), `/opt/pkg/dist/shims/${name}.cjs`);
  }
  assert.equal(shimTarget('time', undefined, 'import', ROOT), `${ROOT}shims/time.js`, 'the entry itself has no parent');
});

test('everything else, and anything our own modules ask for, passes through', () => {
  for (const other of ['threads', 'node:time', './time', '/time', 'time/x', 'Threading', 'lodash', 'green-loader/time', 'file:///time']) {
    assert.equal(shimTarget(other, APP, 'import', ROOT), null, other);
  }
  assert.equal(shimTarget('threading', `${ROOT}shims/green/threading.js`, 'import', ROOT), null);
  assert.equal(shimTarget('time', `${ROOT}runtime/hub.js`, 'require', ROOT), null);
  assert.ok(OWN_ROOT.endsWith('/dist/') && OWN_ROOT.startsWith('file:///'));
});

test('only not-found errors let a shim fill the gap', () => {
  assert.equal(isNotFound(Object.assign(new Error('x'), { code: 'ERR_MODULE_NOT_FOUND' })), true);
  assert.equal(isNotFound(Object.assign(new Error('x'), { code: 'MODULE_NOT_FOUND' })), true);
  assert.equal(isNotFound(Object.assign(new Error('x'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' })), false);
  assert.equal(isNotFound(new SyntaxError('x')), false);
  assert.equal(isNotFound(null), false);
});

test('decision lines say what, from where, to where and why', () => {
  assert.equal(decisionLine('import', 'time', APP, 'T', true), `import 'time' from ${APP} -> T (no package 'time' installed)`);
  assert.equal(decisionLine('require', 'time', undefined, 'K', false), "require 'time' from (entry) -> K (the app's own package)");
});

const notFound = () => { throw Object.assign(new Error('not found'), { code: 'ERR_MODULE_NOT_FOUND' }); };
const found = (): ResolveResult => ({ url: 'file:///app/node_modules/threading/index.js' });

test('resolve hook with a sync next (registerHooks): redirect on not-found, keep an installed package', () => {
  assert.deepEqual(resolve('threading', { parentURL: APP }, notFound), { url: `${OWN_ROOT}shims/threading.js`, format: 'module', shortCircuit: true });
  assert.deepEqual(resolve('threading', { parentURL: APP }, found), found());
  const other = resolve('lodash', { parentURL: APP }, (s) => ({ url: `x:${s}` }));
  assert.deepEqual(other, { url: 'x:lodash' });
  assert.deepEqual(resolve('time', { parentURL: APP, conditions: ['require'] }, (s) => ({ url: `cjs:${s}` })), { url: 'cjs:time' },
    'require under registerHooks is left to Module._resolveFilename');
  assert.throws(() => resolve('time', { parentURL: APP }, () => { throw new SyntaxError('broken package'); }), SyntaxError);
});

test('resolve hook with an async next (register): same decisions, as promises', async () => {
  assert.deepEqual(await resolve('time', { parentURL: APP }, async () => notFound()), { url: `${OWN_ROOT}shims/time.js`, format: 'module', shortCircuit: true });
  assert.deepEqual(await resolve('thread', { parentURL: APP }, async () => found()), found());
  await assert.rejects(Promise.resolve(resolve('thread', { parentURL: APP }, async () => { throw new SyntaxError('broken'); })), SyntaxError);
});
