/**
 * minimalIdent: small integers handed out on first use, smallest free first,
 * and returned when their owner is garbage-collected (like gevent's).
 * Collection is forced with the V8 `gc` function, enabled at run time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { allocateIdent } from '../runtime/ident.js';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { getHub, Greenlet } from '../runtime/index.js';

setFlagsFromString('--expose-gc');
/** Everything a test allocated and did not mean to drop: kept so its ident stays taken. */
const keepAlive: object[] = [];
const held = <T extends object>(o: T): T => (keepAlive.push(o), o);
const gc = runInNewContext('gc') as () => void;

/** Collect until `n` of the watched objects were finalized (and the ident registry had its turn). */
async function collect(watch: FinalizationRegistry<unknown>, done: () => number, n: number): Promise<void> {
  for (let i = 0; i < 50 && done() < n; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(done(), n, 'objects were collected');
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 1));
  void watch;
}

test('the main greenlet is 1 even when a greenlet asks first; the others count up on first use only', () => {
  const g = held(new Greenlet(() => {}));
  const h = held(new Greenlet(() => {}));
  assert.equal(h.minimalIdent, 2, 'h asked first, after main');
  assert.equal(getHub().main.minimalIdent, 1);
  assert.equal(g.minimalIdent, 3);
  assert.equal(h.minimalIdent, 2, 'stable');
  assert.equal(g.name, 'Greenlet-3');
  assert.equal(allocateIdent(held({})), 4);
});

test("in a worker thread the main greenlet's ident is the thread's (threadId + 1), never handed to another greenlet", async () => {
  const runtime = new URL('../runtime/index.js', import.meta.url).href;
  const code = `
    const { parentPort, threadId } = require('node:worker_threads');
    import(${JSON.stringify(runtime)}).then(({ Greenlet, getHub }) => {
      const idents = Array.from({ length: threadId + 3 }, () => new Greenlet(() => {}).minimalIdent);
      parentPort.postMessage({ threadId, main: getHub().main.minimalIdent, idents });
    });`;
  const worker = new Worker(code, { eval: true });
  const [out] = (await once(worker, 'message')) as [{ threadId: number; main: number; idents: number[] }];
  await once(worker, 'exit');
  assert.equal(out.main, out.threadId + 1);
  assert.ok(!out.idents.includes(out.main), `${out.idents} must skip ${out.main}`);
  assert.equal(new Set(out.idents).size, out.idents.length);
});

test('idents of collected owners are reused, smallest first', async () => {
  let finalized = 0;
  const watch = new FinalizationRegistry(() => finalized++);
  const keep = keepAlive;
  const idents: number[] = [];
  const base = allocateIdent(held({}));
  (() => {
    for (let i = 0; i < 9; i++) {
      const o = {};
      idents.push(allocateIdent(o));
      if (i % 2 === 0) keep.push(o); // keep idents base+1, +3, +5, +7, +9
      else watch.register(o, null); // drop base+2, +4, +6, +8
    }
  })();
  assert.deepEqual(idents, Array.from({ length: 9 }, (_, i) => base + 1 + i));
  await collect(watch, () => finalized, 4);
  const again = [allocateIdent(held({})), allocateIdent(held({})), allocateIdent(held({})), allocateIdent(held({})), allocateIdent(held({}))];
  assert.deepEqual(again, [base + 2, base + 4, base + 6, base + 8, base + 10]);
});

test('a greenlet name reuses a freed ident', async () => {
  let finalized = 0;
  const watch = new FinalizationRegistry(() => finalized++);
  let freed = 0;
  (() => {
    const g = new Greenlet(() => {});
    freed = g.minimalIdent;
    watch.register(g, null);
  })();
  await collect(watch, () => finalized, 1);
  const next = held(new Greenlet(() => {}));
  assert.equal(next.minimalIdent, freed);
  assert.equal(next.name, `Greenlet-${freed}`);
});
