/**
 * local: per-greenlet properties (main counts as a greenlet), `in`, delete,
 * Object.keys, subclasses whose constructor runs once per greenlet, methods,
 * getters and setters that see the current greenlet's values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCurrent } from '../runtime/current.js';
import { spawn } from '../runtime/greenlet.js';
import { Local, local } from '../runtime/local.js';
import { sleep } from '../runtime/sleep.js';

test('a property set in one greenlet is invisible in another and in main', async () => {
  const ctx = new local();
  ctx.user = 'main';
  const seen = await spawn(async () => {
    const before = { has: 'user' in ctx, value: ctx.user };
    ctx.user = 'green';
    await sleep(0);
    return { ...before, after: ctx.user };
  }).get();
  assert.deepEqual(seen, { has: false, value: undefined, after: 'green' });
  assert.equal(ctx.user, 'main');
});

test('three greenlets keep independent values across switches', async () => {
  const ctx = new local();
  const run = async (i: number): Promise<number[]> => {
    const seen: number[] = [];
    ctx.n = i;
    for (let k = 0; k < 3; k++) {
      await sleep(0);
      seen.push(ctx.n as number);
      ctx.n = (ctx.n as number) + 10;
    }
    return seen;
  };
  const results = await Promise.all([1, 2, 3].map((i) => spawn(run, i).get()));
  assert.deepEqual(results, [[1, 11, 21], [2, 12, 22], [3, 13, 23]]);
  assert.equal('n' in ctx, false);
});

test('in, delete, Object.keys and defineProperty act on the current greenlet only', async () => {
  const ctx = new local();
  ctx.a = 1;
  ctx.b = 2;
  Object.defineProperty(ctx, 'hidden', { value: 3, enumerable: false, configurable: true, writable: true });
  assert.deepEqual(Object.keys(ctx), ['a', 'b']);
  assert.equal(Object.getOwnPropertyDescriptor(ctx, 'hidden')?.value, 3);
  const inside = await spawn(() => {
    ctx.c = 3;
    return { keys: Object.keys(ctx), hidden: Object.getOwnPropertyDescriptor(ctx, 'hidden') };
  }).get();
  assert.deepEqual(inside, { keys: ['c'], hidden: undefined });
  assert.equal(delete ctx.a, true);
  assert.equal('a' in ctx, false);
  assert.deepEqual(Object.keys(ctx), ['b']);
  assert.deepEqual(JSON.parse(JSON.stringify(ctx)), { b: 2 });
});

test('a subclass constructor and its field initializers run once in each greenlet that uses it', async () => {
  let opened = 0;
  class Conn extends local {
    db = ++opened;
    owner: string;
    count = 0;
    constructor() {
      super();
      this.owner = getCurrent().name;
    }
    bump(): number {
      return ++this.count;
    }
    get doubled(): number {
      return this.count * 2;
    }
    set doubled(value: number) {
      this.count = value / 2;
    }
  }
  const conn = new Conn();
  assert.equal(opened, 1);
  assert.ok(conn instanceof Conn && conn instanceof local);
  assert.equal(conn.owner, 'main');
  conn.bump();
  conn.bump();
  const inside = await spawn(async () => {
    const first = { db: conn.db, owner: conn.owner, count: conn.count };
    await sleep(0);
    conn.bump();
    conn.doubled = 10;
    return { ...first, bumped: conn.count, doubled: conn.doubled, opened };
  }).get();
  const name = inside.owner;
  assert.notEqual(name, 'main');
  assert.deepEqual(inside, { db: 2, owner: name, count: 0, bumped: 5, doubled: 10, opened: 2 });
  assert.equal(await spawn(() => 'db' in conn && conn.db).get(), 3, 'a third greenlet gets its own');
  assert.equal(opened, 3);
  assert.equal(conn.db, 1);
  assert.equal(conn.doubled, 4);
});

test('a local made inside a greenlet is fresh in main; nested locals stay independent', async () => {
  class Outer extends local {
    inner = new local();
  }
  const made = await spawn(() => {
    const o = new Outer();
    o.inner.x = 'green';
    return o;
  }).get();
  assert.equal('inner' in made, true, 'main rebuilt its own');
  assert.equal(made.inner.x, undefined);
  assert.ok(made.inner instanceof local);
});

test('Local is the same class', () => {
  assert.equal(Local, local);
  const state: Local = new Local();
  state.k = 1;
  assert.equal(state.k, 1);
});

test("a subclass's constructor re-runs per greenlet with the original arguments (Python's __init__)", async () => {
  class Settings extends local {
    items: number[] = [];
    declare value: number;
    declare color: string | undefined;
    constructor(value: number, kw: { color?: string } = {}) {
      super();
      this.value = value;
      Object.assign(this, kw);
    }
  }
  const settings = new Settings(1000, { color: 'red' });
  settings.items.push(1);
  settings.later = 'main only'; // set after construction: not part of it
  const seen = await spawn(() => ({ value: settings.value, color: settings.color, items: [...settings.items], later: settings.later })).get();
  assert.deepEqual(seen, { value: 1000, color: 'red', items: [], later: undefined });
  class Strict extends local {
    declare n: number;
    constructor(n: number) {
      super(n);
      if (typeof n !== 'number') throw new TypeError('n');
      this.n = n * 2;
    }
  }
  const strict = new Strict(21);
  assert.equal(await spawn(() => strict.n).get(), 42, 'what super() was given is given again');
  class Fragile extends local {
    declare n: number;
    constructor(n: number) {
      super();
      if (typeof n !== 'number') throw new TypeError('n');
      this.n = n;
    }
  }
  const fragile = new Fragile(7);
  assert.equal(await spawn(() => fragile.n).get(), 7, 'a re-run that throws still gives the constructed values');
});
