/**
 * What crosses native threads by reference, in one thread: functions and
 * classes as where they are declared (top level, a static member, a
 * CommonJS export), the process's streams and console as this thread's own,
 * and class attributes holding primitives through shared cells. The
 * registry is fed as the loader's prologue feeds it (a virtual module URL);
 * across real threads these are covered end to end (native-pickle.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as queue from '../shims/native/queue.js';
import { findDeclaration, readDeclaration, SCOPE_KEY } from '../shims/native/module-scope.js';
import { decode, encode, needsEncoding } from '../shims/native/shareable.js';
import { bindStatics, StaticCell, staticsForThread } from '../shims/native/shared-statics.js';
import '../shims/native/threading.js';

type Table = () => Array<[string, () => unknown]>;
const register = (globalThis as unknown as Record<string, (url: string, table: Table) => void>)[SCOPE_KEY]!;

function square(n: number): number {
  return n * n;
}
class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  static origin(): Point {
    return new Point(0, 0);
  }
  sum(): number {
    return this.x + this.y;
  }
}
const REFS = 'file:///virtual/references.mjs';
register(REFS, () => [
  ['square', () => square],
  ['Point', () => Point],
]);

test('a static member is found as a member of its declared class, and read back by name', () => {
  assert.deepEqual(findDeclaration(square), { url: REFS, name: 'square' });
  assert.deepEqual(findDeclaration(Point.origin), { url: REFS, name: 'Point', member: 'origin' });
  assert.deepEqual(readDeclaration({ url: REFS, name: 'Point', member: 'origin' }), { value: Point.origin });
  assert.match((readDeclaration({ url: REFS, name: 'Point', member: 'nope' }) as { missing: string }).missing, /has no static member `nope`/);
});

test('functions and classes encode as references and decode to the same values; instances as their class', () => {
  // A CommonJS module of the app's (outside green-loader's own directory).
  const dir = mkdtempSync(join(tmpdir(), 'green-refs-'));
  writeFileSync(join(dir, 'exports.cjs'), 'exports.triple = (n) => 3 * n;');
  const exported = createRequire(import.meta.url)(join(dir, 'exports.cjs')) as { triple(n: number): number };
  rmSync(dir, { recursive: true });
  const value = [square, Point, Point.origin, exported.triple, new Point(1, 2), new Map([['f', square]])];
  const encoded = encode(value, 'args');
  assert.equal(JSON.stringify(encoded).includes('function'), false);
  const back = decode(structuredClone(encoded)) as typeof value;
  assert.equal(back[0], square);
  assert.equal(back[1], Point);
  assert.equal(back[2], Point.origin);
  assert.equal(back[3], exported.triple);
  assert.ok(back[4] instanceof Point && back[4] !== value[4] && back[4].sum() === 3);
  assert.equal((back[5] as Map<string, unknown>).get('f'), square);
});

test('a function or class the thread cannot reach is a TypeError naming where it was', () => {
  const make = () => function inner(): void {};
  class Hidden {}
  assert.throws(() => encode([1, { cb: make() }], 'args'), { name: 'TypeError', message: /^args\[1\]\.cb is a function \(inner\) that a native thread cannot reach/ });
  assert.throws(() => encode({ k: Hidden }, 'kwargs'), { name: 'TypeError', message: /^kwargs\.k is a class \(Hidden\) that a native thread cannot reach/ });
  assert.throws(() => encode([() => 1], 'item', 'item'), { message: /^item\[0\] is a function \(anonymous\)/ });
  const q = new queue.Queue();
  assert.throws(() => q.put_nowait({ at: new Hidden() }), { name: 'TypeError', message: /^item\.at is an instance of Hidden, which a native thread cannot reach/ });
  assert.equal(q.qsize(), 0, 'nothing was queued');
});

test('the process streams and console encode as names and decode to this thread own', () => {
  const encoded = encode([process.stdout, process.stderr, console, process.stdin], 'args');
  assert.deepEqual(
    (encoded as Array<{ data: unknown }>).map((r) => r.data),
    ['stdout', 'stderr', 'console', 'stdin'],
  );
  assert.deepEqual(decode(structuredClone(encoded)), [process.stdout, process.stderr, console, process.stdin]);
});

test('only items holding more than plain data are encoded', () => {
  for (const plain of [1, 'x', null, [1, 'a', { b: [true] }], new Date(0), new Uint8Array(2), { n: 1n }]) assert.equal(needsEncoding(plain), false);
  for (const rich of [square, [1, { f: square }], new Point(1, 2), new Map(), new Set([1])]) assert.equal(needsEncoding(rich), true);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(needsEncoding(cyclic), false);
});

test('a queue item carries functions, classes, instances and streams, and comes back with them', () => {
  const q = new queue.Queue();
  q.put_nowait([square, [4], Point, new Point(2, 3), process.stdout]);
  const [f, args, C, p, out] = q.get_nowait() as [typeof square, [number], typeof Point, Point, unknown];
  assert.equal(f(...args), 16);
  assert.equal(C, Point);
  assert.ok(p instanceof Point);
  assert.equal(p.sum(), 5);
  assert.equal(out, process.stdout);
});

test('a shared static cell holds every primitive; a string cell grows, a fixed one refuses what does not fit', () => {
  for (const cell of [new StaticCell(), new StaticCell({ strings: true })]) {
    for (const value of [true, false, 0, -0, NaN, 1.5, null, undefined, 12n, '', 'short ✓']) {
      assert.equal(cell.write(value), true);
      assert.ok(Object.is(cell.read(), value), String(value));
    }
  }
  const fixed = new StaticCell();
  assert.equal(fixed.write('x'.repeat(119)), true);
  assert.equal(fixed.write('x'.repeat(120)), false, 'a fixed cell holds 119 bytes of string');
  assert.equal(fixed.read(), 'x'.repeat(119), 'a refused write leaves the value');
  const strings = new StaticCell({ strings: true });
  const long = 'x'.repeat(10_000);
  assert.equal(strings.write(long), true);
  assert.equal(strings.read(), long);
  assert.equal(new StaticCell(strings.buffer).read(), long, 'another view of the same memory reads the same value');
  assert.equal(strings.write('y'.repeat(64 * 1024)), false);
  assert.equal(strings.read(), long, 'a refused write leaves the value');
});

test('class attributes holding primitives become shared at a thread start, and bind onto another copy of the class', () => {
  const make = () =>
    class State {
      static running = true;
      static label = 'start';
      static config = { n: 1 };
      static cache: unknown = null;
      static bump(): void {}
    };
  const Mine = make();
  const Theirs = make(); // the class as a new thread's own import of the module makes it again
  const SubOfMine = class extends Mine {};
  register('file:///virtual/statics-mine.mjs', () => [['State', () => Mine]]);
  register('file:///virtual/statics-theirs.mjs', () => [['State', () => Theirs]]);
  const table = staticsForThread().filter(([at]) => at.url === 'file:///virtual/statics-mine.mjs');
  assert.deepEqual(table.map(([at]) => at.prop).sort(), ['cache', 'label', 'running'], 'primitives only: not the object, not the method');
  assert.equal(typeof Object.getOwnPropertyDescriptor(Mine, 'running')!.get, 'function');
  assert.equal(Mine.running, true);

  Theirs.running = true; // what the thread's own top-level code may have set before binding
  bindStatics(table.map(([at, buffer]) => [{ ...at, url: 'file:///virtual/statics-theirs.mjs' }, buffer]));
  Mine.running = false;
  assert.equal(Theirs.running, false, "the creator's write is read by the other copy");
  Theirs.label = 'seen by the thread';
  assert.equal(Mine.label, 'seen by the thread', "and the other copy's write by the creator");
  assert.notEqual(Theirs.config, Mine.config, 'objects stay per copy');

  SubOfMine.label = 'sub';
  assert.equal(Mine.label, 'seen by the thread', 'assigning through a subclass makes its own property');
  assert.equal(SubOfMine.label, 'sub');

  Theirs.cache = { big: true };
  assert.deepEqual(Theirs.cache, { big: true }, 'an object makes the property this copy own');
  assert.equal(Mine.cache, null, 'the others keep the last shared value');
  assert.equal(Object.getOwnPropertyDescriptor(Theirs, 'cache')!.value, Theirs.cache);
  const again = staticsForThread().filter(([at]) => at.url === 'file:///virtual/statics-theirs.mjs').map(([at]) => at.prop);
  assert.equal(again.includes('cache'), false, 'a detached attribute is not shared again');
});

test('a class the new thread did not reach keeps its own attributes', () => {
  const cell = new StaticCell();
  cell.write(1);
  assert.doesNotThrow(() => bindStatics([[{ url: 'file:///virtual/never-loaded.mjs', name: 'Gone', prop: 'x' }, cell.buffer]]));
});

test('each start looks at the classes bound since the last one: one that left its temporal dead zone, a binding assigned another class', () => {
  const url = 'file:///virtual/statics-later.mjs';
  let initialized = false;
  let Later: (new () => object) & { n?: number; added?: number } = class {};
  let Swapped: (new () => object) & { n?: number; m?: string } = class {
    static n = 1;
  };
  register(url, () => [
    ['Later', () => (initialized ? Later : assert.fail('still in its temporal dead zone'))],
    ['Swapped', () => Swapped],
  ]);
  const shared = () => staticsForThread().filter(([at]) => at.url === url).map(([at]) => `${at.name}.${at.prop}`).sort();
  assert.deepEqual(shared(), ['Swapped.n']);
  assert.deepEqual(shared(), ['Swapped.n'], 'nothing new: the same table');
  Swapped = class {
    static m = 'm';
  };
  Later = class {
    static n = 3;
  };
  initialized = true;
  assert.deepEqual(shared(), ['Later.n', 'Swapped.m', 'Swapped.n']);
  assert.equal(typeof Object.getOwnPropertyDescriptor(Swapped, 'm')!.get, 'function', 'the class now bound is shared');
  Later.added = 1;
  assert.deepEqual(shared(), ['Later.n', 'Swapped.m', 'Swapped.n'], 'a static added to a class already looked at stays per thread');
  assert.equal(Object.getOwnPropertyDescriptor(Later, 'added')!.value, 1);
});
