/**
 * The facade registry's record of one facade: a deferred patch applied at
 * registration, the native implementation loaded only when an export is
 * left without a value or read before it has one, and `current` listing
 * every export in the facade's order throughout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deferPatch, facade, registerFacade, type NativeExports } from '../shims/shared/live-facades.js';

/** A native implementation of `names` (each export's value is `native <name>`) that counts its loads. */
function countingNative(names: readonly string[]): NativeExports & { loads: number } {
  const native = {
    names,
    loads: 0,
    load: () => {
      native.loads++;
      return Object.fromEntries(names.map((name) => [name, `native ${name}`]));
    },
  };
  return native;
}

/** Register `name` with a setter that records what each live binding was last given. */
function register(name: string, native: NativeExports): Record<string, unknown> {
  const bindings: Record<string, unknown> = {};
  registerFacade(name, native, (attr, value) => {
    bindings[attr] = value;
  });
  return bindings;
}

test('a deferred patch that gives every export a value never loads the native implementation', () => {
  const native = countingNative(['a', 'b']);
  deferPatch('test-record-all', () => {
    const record = facade('test-record-all')!;
    assert.deepEqual(Object.keys(record.current), ['a', 'b'], 'every export is listed before it has a value');
    assert.equal(typeof record.lazyNative('a'), 'function');
    record.set('b', 'green b');
    record.fill('a', 'shared a');
    record.fill('a', 'ignored: a has its value');
  });
  const bindings = register('test-record-all', native);
  assert.equal(native.loads, 0);
  assert.deepEqual(bindings, { b: 'green b', a: 'shared a' });
  const record = facade('test-record-all')!;
  assert.deepEqual({ ...record.current }, { a: 'shared a', b: 'green b' });
  assert.equal(record.lazyNative('a'), undefined);
});

test('an export left without a value gets the native one, loaded once, when registration ends', () => {
  const native = countingNative(['a', 'b', 'c']);
  deferPatch('test-record-some', () => facade('test-record-some')!.set('b', 'green b'));
  const bindings = register('test-record-some', native);
  assert.equal(native.loads, 1);
  assert.deepEqual(bindings, { b: 'green b', a: 'native a', c: 'native c' });
  assert.deepEqual(Object.keys(facade('test-record-some')!.current), ['a', 'b', 'c'], "the facade's order, not the order values came in");
});

test('reading an export before it has a value loads the native implementation then, and only once', () => {
  const native = countingNative(['a', 'b']);
  let seen: unknown;
  deferPatch('test-record-read', () => {
    const record = facade('test-record-read')!;
    record.set('a', 'green a');
    assert.equal(native.loads, 0);
    seen = record.current.b;
    assert.equal(native.loads, 1);
    assert.equal(record.current.a, 'green a', 'the native load leaves a patched export as it was');
    assert.equal('b' in record.current, true);
    assert.equal('z' in record.current, false);
  });
  const bindings = register('test-record-read', native);
  assert.equal(seen, 'native b');
  assert.equal(native.loads, 1);
  assert.deepEqual(bindings, { a: 'green a', b: 'native b' });
});

test('an original asked for before it is loaded is a getter that loads it', () => {
  const native = countingNative(['a']);
  let original: (() => unknown) | undefined;
  deferPatch('test-record-lazy', () => {
    const record = facade('test-record-lazy')!;
    original = record.lazyNative('a');
    record.set('a', 'green a');
  });
  register('test-record-lazy', native);
  assert.equal(native.loads, 0);
  assert.equal(original?.(), 'native a');
  assert.equal(native.loads, 1);
  assert.equal(facade('test-record-lazy')!.current.a, 'green a');
});

test('writing to current while an export has no value gives it that value', () => {
  const native = countingNative(['a', 'b']);
  deferPatch('test-record-write', () => {
    facade('test-record-write')!.current.a = 'written a';
  });
  const bindings = register('test-record-write', native);
  assert.equal(facade('test-record-write')!.current.a, 'written a');
  assert.equal(bindings.b, 'native b');
  assert.equal('a' in bindings, false, 'a write to current reassigns no live binding: set() does');
});

test('a second instance of a facade is given the current values at once', () => {
  const native = countingNative(['a']);
  deferPatch('test-record-twice', () => facade('test-record-twice')!.set('a', 'green a'));
  register('test-record-twice', native);
  const second = register('test-record-twice', countingNative(['a']));
  assert.deepEqual(second, { a: 'green a' });
  facade('test-record-twice')!.set('a', 'later a');
  assert.equal(second.a, 'later a');
});
