/**
 * The CommonJS facades' builder: getters over the facade registry, loading
 * the ES facade only when none is registered, and failing clearly when the
 * load registers nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { registerFacade } from '../runtime/facades.js';
import { patchItem, unpatch } from '../runtime/monkey.js';

const require = createRequire(import.meta.url);
const { liveExports } = require('../shims/live-exports.cjs') as typeof import('../shims/live-exports.cjs');

test('an already registered facade is read live, without loading anything', () => {
  registerFacade('test-live', { answer: 41 }, () => {});
  const view = liveExports<{ answer: number }>('test-live', () => assert.fail('must not load'));
  assert.deepEqual(Object.keys(view), ['answer']);
  patchItem('test-live', 'answer', 42);
  assert.equal(view.answer, 42);
  unpatch('test-live');
  assert.equal(view.answer, 41);
  assert.ok(Object.isFrozen(view));
});

test('a facade not registered yet is loaded first', () => {
  let loads = 0;
  const view = liveExports<{ ready: boolean }>('test-live-lazy', () => {
    loads++;
    registerFacade('test-live-lazy', { ready: true }, () => {});
  });
  assert.equal(loads, 1);
  assert.equal(view.ready, true);
});

test('a load that registers nothing is an error naming the facade', () => {
  assert.throws(() => liveExports('test-live-missing', () => {}), /the test-live-missing facade did not register itself/);
});
