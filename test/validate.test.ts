/**
 * The shared argument checks: which values pass, which fail with TypeError or
 * RangeError, and that every message names the argument and shows the value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBoolean, checkFunction, checkInteger, checkIterable, checkOptions, checkSeconds } from '../runtime/validate.js';

test('checkSeconds: undefined, null and finite numbers >= 0 pass', () => {
  for (const ok of [undefined, null, 0, 0.001, 1.5, 2_147_483]) checkSeconds(ok, 'timeout');
});

test('checkSeconds: negative, NaN and infinite numbers are RangeErrors; other types TypeErrors', () => {
  for (const [bad, shown] of [[-1, '-1'], [-0.001, '-0.001'], [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity']] as const) {
    assert.throws(() => checkSeconds(bad, 'timeout'), { name: 'RangeError', message: `timeout must be a finite number of seconds >= 0, got ${shown}` });
  }
  assert.throws(() => checkSeconds('1', 'seconds'), { name: 'TypeError', message: 'seconds must be a number of seconds, got "1"' });
  assert.throws(() => checkSeconds(true, 'seconds'), { name: 'TypeError', message: /got true$/ });
  assert.throws(() => checkSeconds(1n, 'seconds'), { name: 'TypeError', message: /got 1$/ });
  assert.throws(() => checkSeconds(Symbol('s'), 'seconds'), { name: 'TypeError', message: /got Symbol\(s\)$/ });
  assert.throws(() => checkSeconds({}, 'seconds'), { name: 'TypeError', message: /got \[object Object\]$/ });
  assert.throws(() => checkSeconds([], 'seconds'), { name: 'TypeError', message: /got \[object Array\]$/ });
});

test('checkFunction names the received function or value', () => {
  checkFunction(() => {}, 'fn');
  checkFunction(async function named() {}, 'fn');
  checkFunction(class {}, 'fn');
  assert.throws(() => checkFunction(42, 'fn'), { name: 'TypeError', message: 'fn must be a function, got 42' });
  assert.throws(() => checkFunction(null, 'target'), { name: 'TypeError', message: 'target must be a function, got null' });
  assert.throws(() => checkFunction(undefined, 'fn'), { message: /got undefined$/ });
});

test('checkInteger: integers >= min pass; fractions and smaller values are RangeErrors', () => {
  checkInteger(0, 'value');
  checkInteger(5, 'value', 5);
  checkInteger(-3, 'value', -3);
  assert.throws(() => checkInteger(-1, 'value'), { name: 'RangeError', message: 'value must be an integer >= 0, got -1' });
  assert.throws(() => checkInteger(1.5, 'value'), { name: 'RangeError', message: /got 1\.5$/ });
  assert.throws(() => checkInteger(NaN, 'value'), { name: 'RangeError' });
  assert.throws(() => checkInteger(4, 'size', 5), { name: 'RangeError', message: 'size must be an integer >= 5, got 4' });
  assert.throws(() => checkInteger('3', 'value'), { name: 'TypeError', message: 'value must be an integer, got "3"' });
});

test('checkOptions: undefined or an object; null and primitives are TypeErrors', () => {
  checkOptions(undefined, 'options');
  checkOptions({}, 'options');
  checkOptions(Object.create(null), 'options');
  assert.throws(() => checkOptions(null, 'options'), { name: 'TypeError', message: 'options must be an object, got null' });
  assert.throws(() => checkOptions(1, 'options'), { name: 'TypeError', message: 'options must be an object, got 1' });
  assert.throws(() => checkOptions('x', 'options'), { name: 'TypeError', message: /got "x"$/ });
  assert.throws(() => checkOptions(() => {}, 'options'), { name: 'TypeError', message: /got function \(anonymous\)$/ });
  assert.throws(() => checkOptions(function opts() {}, 'options'), { name: 'TypeError', message: /got function opts$/ });
});

test('checkIterable: sync and async iterables pass; anything else is a TypeError', () => {
  checkIterable([], 'iterable');
  checkIterable('abc', 'iterable');
  checkIterable(new Set(), 'iterable');
  checkIterable((async function* () {})(), 'iterable');
  checkIterable({ [Symbol.asyncIterator]() {} }, 'iterable');
  for (const bad of [42, null, undefined, {}, { [Symbol.iterator]: 1 }]) {
    assert.throws(() => checkIterable(bad, 'iterable'), { name: 'TypeError', message: /^iterable must be an iterable or async iterable, got / });
  }
});

test('checkBoolean: only true and false', () => {
  checkBoolean(true, 'block');
  checkBoolean(false, 'block');
  for (const bad of [0, 1, 'true', null, undefined]) {
    assert.throws(() => checkBoolean(bad, 'block'), { name: 'TypeError', message: /^block must be a boolean, got / });
  }
});

test("checkSeconds: more than Node's longest timer is a RangeError, not a timer that fires at once", () => {
  assert.throws(() => checkSeconds(2_147_484, 'timeout'), { name: 'RangeError', message: /timeout must be at most 2147483 seconds .*got 2147484$/ });
  assert.throws(() => checkSeconds(1e9, 'seconds'), { name: 'RangeError', message: /^seconds must be at most/ });
});
