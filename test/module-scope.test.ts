/**
 * How native threads reach a module's top-level declarations: the tokenizer
 * that finds their names, the one-line prologue that registers them, the
 * load hook that adds it to app modules, and the registry that finds a
 * function or class among them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topLevelNames } from '../shims/native/top-level-names.js';
import { withScopePrologue } from '../shims/native/scope-prologue.js';
import { isAppModule, load, type LoadResult } from '../shims/native/scope-load-hook.js';
import { findDeclaration, hasScope, readDeclaration, SCOPE_KEY } from '../shims/native/module-scope.js';

test('topLevelNames: function, function*, async function, class, and every const/let/var declarator', () => {
  const source = `
    import { a as b } from 'x';
    export default async function main() { const inner = 1; function nested() {} }
    export function* gen() {}
    class Counter extends Base { method() { let no = 1; } }
    export const one = 1, two = f(3, 4), three = { x: [1, 2] };
    let four
    var five = 5; const { six, seven } = obj; const [eight] = list;
    abstract class Shape {}
    const arrow = async (x) => x, after = 2;
  `;
  assert.deepEqual(topLevelNames(source), ['main', 'gen', 'Counter', 'one', 'two', 'three', 'four', 'five', 'Shape', 'arrow', 'after']);
});

test('topLevelNames: strings, templates, comments and regular expressions hide what is inside them', () => {
  const source = [
    "const s = 'function fakeA() {}', d = \"class FakeB {}\";",
    'const t = `const fakeC = ${ { a: `nested ${ "}" } const fakeD` } } function fakeE`;',
    '// function fakeF() {}',
    '/* class FakeG {} { */',
    'const r = /[/]function fakeH\\/{/g, q = a / b / c;',
    'if (x) { const fakeI = 1; }',
    'const div = (1) / 2 /* } */;',
    'function real() { return /{/.test("}"); }',
    'obj.function = 1; obj?.class; x.const = 2;',
    'let last = typeof /x/;',
  ].join('\n');
  assert.deepEqual(topLevelNames(source), ['s', 'd', 't', 'r', 'q', 'div', 'real', 'last']);
});

test('topLevelNames: a declaration ends at a new statement (ASI); a continued line keeps it open', () => {
  assert.deepEqual(topLevelNames('let a = 1\nfoo(b, c)\nlet d = 2 +\n  e, f = 3\nconst g = h()\n, i = 4'), ['a', 'd', 'f', 'g', 'i']);
  assert.deepEqual(topLevelNames('#!/usr/bin/env node\nconst x = 1;'), ['x']);
  assert.deepEqual(topLevelNames('#!/usr/bin/env node'), []);
  assert.deepEqual(topLevelNames('const enum E { A } function f(this: Foo): void {} const n: Map<string, number> = new Map();'), ['f', 'n', 'number']);
});

test('topLevelNames: a source it cannot follow gives null', () => {
  for (const bad of ['function f() {', 'const s = "unterminated', 'a = `x ${ y', '/* open', 'f())', 'const r = /abc', 'x = [1, 2}']) {
    assert.equal(topLevelNames(bad), null, bad);
  }
});

test('withScopePrologue: one statement on the first line (after a hashbang or BOM), or null', () => {
  const out = withScopePrologue('function work() {}\nconst n = 1;');
  assert.equal(out, `globalThis.${SCOPE_KEY}?.(import.meta.url,()=>[["work",()=>work],["n",()=>n]]);function work() {}\nconst n = 1;`);
  assert.equal(out!.split('\n').length, 2, 'line numbers unchanged');
  assert.match(withScopePrologue('#!/usr/bin/env node\nlet x;')!, /^#!\/usr\/bin\/env node\nglobalThis\.__greenLoaderScope__\?\.\(import\.meta\.url,\(\)=>\[\["x",\(\)=>x\]\]\);let x;$/);
  assert.match(withScopePrologue('\uFEFFlet y;')!, /^\uFEFFglobalThis/);
  assert.equal(withScopePrologue('#!/usr/bin/env node'), null);
  assert.equal(withScopePrologue('function broken( {'), null);
  assert.equal(withScopePrologue('const globalThis = {};'), null, 'a module that shadows globalThis is left alone');
});

test('the load hook adds the prologue to app ES modules only, sync or async', async () => {
  const next = (format: string, source: LoadResult['source']) => () => ({ format, source });
  const text = (result: LoadResult | Promise<LoadResult>) => (result as LoadResult).source;
  assert.match(String(text(load('file:///app/a.mjs', {}, next('module', 'let a;')))), /^globalThis/);
  assert.match(String(text(load('file:///app/a.ts', {}, next('module-typescript', Buffer.from('let a: number;'))))), /^globalThis/);
  assert.match(String(text(load('file:///app/a.mjs', {}, next('module', new TextEncoder().encode('let a;').buffer)))), /^globalThis/);
  assert.equal(text(load('file:///app/a.cjs', {}, next('commonjs', 'let a;'))), 'let a;');
  assert.equal(text(load('file:///app/node_modules/x/a.mjs', {}, next('module', 'let a;'))), 'let a;');
  assert.equal(text(load('file:///app/a.mjs', {}, next('module', null))), null);
  assert.equal(text(load('file:///app/bad.mjs', {}, next('module', 'let ('))), 'let (');
  const later = await load('file:///app/b.mjs', {}, async () => ({ format: 'module', source: 'let b;' }));
  assert.match(String(later.source), /^globalThis/);
  assert.equal(isAppModule('node:fs'), false);
  assert.equal(isAppModule(new URL('../shims/threading.js', import.meta.url).href), false, "green-loader's own modules");
});

test('the registry finds a declaration by identity, skips bindings in their dead zone, and says why one is missing', () => {
  const register = (globalThis as unknown as Record<string, (url: string, table: () => Array<[string, () => unknown]>) => void>)[SCOPE_KEY]!;
  function work(): void {}
  class Shape {}
  const url = 'file:///virtual/scope.mjs';
  register(url, () => [
    ['early', () => {
      throw new ReferenceError('early is not initialized');
    }],
    ['work', () => work],
    ['Shape', () => Shape],
  ]);
  assert.equal(hasScope(url), true);
  assert.deepEqual(findDeclaration(Shape), { url, name: 'Shape' });
  assert.deepEqual(findDeclaration(Shape), { url, name: 'Shape' }, 'cached');
  assert.deepEqual(findDeclaration(work), { url, name: 'work' });
  assert.equal(findDeclaration(() => {}), null);
  assert.deepEqual(readDeclaration({ url, name: 'work' }), { value: work });
  assert.match((readDeclaration({ url, name: 'early' }) as { missing: string }).missing, /not initialized before the module's first thread start/);
  assert.match((readDeclaration({ url, name: 'nope' }) as { missing: string }).missing, /declares no top-level `nope`/);
  assert.match((readDeclaration({ url: 'file:///other.mjs', name: 'x' }) as { missing: string }).missing, /was not loaded through green-loader's hooks/);
});
