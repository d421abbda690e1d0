/**
 * Real thread-style programs, unchanged, on real threads (GREEN_PATCH=none)
 * and on greenlets (GREEN_PATCH=all), end to end: real `node --import
 * green-loader` processes running small apps from a temp directory. Where a
 * behaviour is the same program's, both modes get the same assertions; what
 * only native threads do (the spawn model's re-run top level, the closure
 * hint, refusing what cannot be copied) is asserted natively.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeApp, NODE_VERSION, runInApp, succeeded, type Result } from './e2e-app.js';

const [major = 0, minor = 0] = NODE_VERSION.split('.').map(Number);
/** Node runs .ts files by stripping types (unflagged from 22.18 and 23.6). */
const STRIPS_TYPES = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);

const FILES: Record<string, string> = {
  'format.mjs': `export const format = (who, what) => \`[\${who}] \${what}\`;`,
  // A module-level helper, an import, a constant and a module-level Lock, no args but a shared box.
  'helpers.mjs': `
    import * as threading from 'threading';
    import * as time from 'time';
    import { format } from './format.mjs';
    const ROUNDS = 5;
    const lock = new threading.Lock();
    function bump(box) { const seen = box[0]; time.sleep(0.002); box[0] = seen + 1; }
    async function worker(box) {
      for (let i = 0; i < ROUNDS; i++) {
        await lock.acquire();
        try { bump(box); } finally { lock.release(); }
      }
      console.log(format(threading.current_thread().name, 'done'));
    }
    if (threading.current_thread() === threading.main_thread()) {
      const box = new Int32Array(new SharedArrayBuffer(4));
      const threads = [1, 2, 3].map((i) => new threading.Thread({ target: worker, args: [box], name: 'w' + i }));
      for (const t of threads) await t.start();
      for (const t of threads) await t.join();
      console.log('total ' + box[0]);
    }`,
  // A Thread subclass whose run() uses threading and time.
  'subclass.mjs': `
    import * as threading from 'threading';
    import * as time from 'time';
    class Adder extends threading.Thread {
      constructor(n, box) { super({ name: 'adder-' + n }); this.n = n; this.box = box; }
      async run() {
        await time.sleep(0.01);
        Atomics.add(this.box, 0, this.n);
        console.log(this.name + ' added ' + this.n + ' as ' + threading.current_thread().name + ' ' + (this instanceof Adder));
      }
    }
    if (threading.current_thread() === threading.main_thread()) {
      const box = new Int32Array(new SharedArrayBuffer(4));
      const threads = [1, 2].map((n) => new Adder(n, box));
      for (const t of threads) await t.start();
      for (const t of threads) await t.join();
      console.log('sum ' + box[0]);
    }`,
  // Module-level Event and Barrier, used by several threads without args.
  'event-barrier.mjs': `
    import * as threading from 'threading';
    import * as time from 'time';
    const go = new threading.Event();
    const barrier = new threading.Barrier(3);
    const arrived = new threading.Semaphore(0);
    async function runner() {
      arrived.release();
      await go.wait();
      const index = await barrier.wait();
      console.log('passed ' + index);
    }
    if (threading.current_thread() === threading.main_thread()) {
      const threads = [0, 1, 2].map(() => new threading.Thread({ target: runner }));
      for (const t of threads) await t.start();
      for (let i = 0; i < 3; i++) await arrived.acquire();
      console.log('go');
      go.set();
      for (const t of threads) await t.join();
      console.log('all passed');
    }`,
  // A literal Python-style script: no guard, threads started at top level.
  'unguarded.mjs': `
    import * as threading from 'threading';
    function work(box, n) { Atomics.add(box, 0, n); }
    console.log('top');
    const box = new Int32Array(new SharedArrayBuffer(4));
    const threads = [1, 2, 3].map((n) => new threading.Thread({ target: work, args: [box, n] }));
    for (const t of threads) t.start();
    for (const t of threads) await t.join();
    console.log('sum ' + box[0]);`,
  // An instance of the program's own class in args; the Lock inside it stays shared.
  'instance.mjs': `
    import * as threading from 'threading';
    class Tally {
      constructor(lock) { this.lock = lock; this.items = ['a', 'b']; }
      describe() { return this.constructor.name + ':' + this.items.join(','); }
    }
    function inspect(tally) { console.log(String(tally instanceof Tally), tally.describe(), 'locked=' + tally.lock.locked()); }
    if (threading.current_thread() === threading.main_thread()) {
      const lock = new threading.Lock();
      await lock.acquire();
      const t = new threading.Thread({ target: inspect, args: [new Tally(lock)] });
      await t.start();
      await t.join();
    }`,
  'unreachable.mjs': `
    import * as threading from 'threading';
    function work() {}
    function local() { class Hidden {} return new Hidden(); }
    try { new threading.Thread({ target: work, args: [1, local()] }).start(); }
    catch (error) { console.log(error.name + ': ' + error.message); }`,
  // A target nested in a function, capturing a local variable.
  'closure.mjs': `
    import * as threading from 'threading';
    function makeWorker() { const secret = 42; return function worker() { console.log('secret ' + secret); }; }
    const t = new threading.Thread({ target: makeWorker() });
    await t.start();
    await t.join();
    console.log('main done');`,
  // TypeScript (Node's type stripping).
  'typed.ts': `
    import * as threading from 'threading';
    interface Job { n: number }
    const SCALE: number = 10;
    class Counter { total: number; constructor(total = 0) { this.total = total; } add(n: number): number { return (this.total += n * SCALE); } }
    function work(job: Job, counter: Counter): void {
      console.log('typed ' + counter.add(job.n) + ' ' + (counter instanceof Counter) + ' ' + (threading.current_thread() !== threading.main_thread()));
    }
    if (threading.current_thread() === threading.main_thread()) {
      const t = new threading.Thread({ target: work, args: [{ n: 4 }, new Counter(1)] });
      await t.start();
      await t.join();
    }`,
  // CommonJS: a target reachable from module.exports, a module-level Lock.
  'common.cjs': `
    const threading = require('threading');
    const GREETING = 'hello from';
    const lock = new threading.Lock();
    function greet(who) { console.log(GREETING + ' ' + who + ' locked=' + lock.locked() + ' ' + (threading.current_thread().name)); }
    module.exports = { greet };
    if (threading.current_thread() === threading.main_thread()) {
      (async () => {
        await lock.acquire();
        const t = new threading.Thread({ target: greet, args: ['cjs'], name: 'C1' });
        await t.start();
        await t.join();
        lock.release();
      })();
    }`,
  // node --test with native threads.
  'probe.mjs': `
    import * as threading from 'threading';
    export function probe(out) { out[0] = threading.get_native_id(); }`,
  'threads.test.mjs': `
    import { test } from 'node:test';
    import assert from 'node:assert/strict';
    import * as threading from 'threading';
    import { probe } from './probe.mjs';
    test('a thread started from a test', async () => {
      const out = new Int32Array(new SharedArrayBuffer(4));
      const t = new threading.Thread({ target: probe, args: [out] });
      await t.start();
      await t.join();
      assert.notEqual(out[0], 0);
    });`,
  // A relative module target, relative to the module that names it (not the cwd).
  'jobs/main.mjs': `
    import * as threading from 'threading';
    const t = new threading.Thread({ target: { module: './task.mjs', export: 'task' }, args: ['relative'] });
    await t.start();
    await t.join();`,
  'jobs/task.mjs': `export function task(word) { console.log('task ' + word); }`,
  // Lines printed before a barrier precede lines printed after it, whatever the main thread does.
  'order.mjs': `
    import * as threading from 'threading';
    import * as time from 'time';
    const barrier = new threading.Barrier(4);
    async function speaker(n) {
      for (let i = 0; i < 5; i++) console.log('before ' + n + '.' + i);
      await barrier.wait();
      console.log('after ' + n);
    }
    if (threading.current_thread() === threading.main_thread()) {
      const threads = [1, 2, 3, 4].map((n) => new threading.Thread({ target: speaker, args: [n] }));
      for (const t of threads) await t.start();
      time.sleep(0.3);
      for (const t of threads) await t.join();
    }`,
  // Daemon threads are abandoned at exit, silently; a non-daemon thread is waited for.
  'daemons.mjs': `
    import * as threading from 'threading';
    import * as time from 'time';
    const never = new threading.Event();
    async function forever() { for (;;) await time.sleep(0.05); }
    async function stuck() { await never.wait(); }
    async function slow() { await time.sleep(0.2); console.log('worker done'); }
    if (threading.current_thread() === threading.main_thread()) {
      for (const target of [forever, stuck]) await new threading.Thread({ target, daemon: true }).start();
      await new threading.Thread({ target: slow }).start();
      console.log('main done');
    }`,
  // A local subclass with arguments: its constructor re-runs with them in each thread.
  'locals.mjs': `
    import * as threading from 'threading';
    class Settings extends threading.local {
      constructor(value) { super(); this.value = value; this.items = []; }
    }
    const settings = new Settings(1000);
    function show() { console.log('value ' + settings.value + ' items ' + settings.items.length); }
    if (threading.current_thread() === threading.main_thread()) {
      settings.items.push('main');
      const t = new threading.Thread({ target: show });
      await t.start();
      await t.join();
      show();
    }`,
  // An uncaught error in a thread: its stack points at the user's file and line.
  'boom.mjs': [
    "import * as threading from 'threading';",
    'function explode() {',
    "  throw new Error('boom');",
    '}',
    'if (threading.current_thread() === threading.main_thread()) await new threading.Thread({ target: explode }).start();',
  ].join('\n'),
  // Without the loader: an exported target keeps its module's scope; another falls back to its source.
  'plain.mjs': `
    import * as threading from 'green-loader/threading';
    const lock = new threading.Lock();
    const LABEL = 'plain';
    export function exported(n) { console.log(LABEL + ' ' + n + ' locked=' + lock.locked()); }
    function selfContained(n) { console.log('self-contained ' + n); }
    function private_(n) { console.log(LABEL + n); }
    if (threading.current_thread() === threading.main_thread()) {
      await lock.acquire();
      for (const target of [exported, selfContained, private_]) {
        const t = new threading.Thread({ target, args: [1] });
        await t.start();
        await t.join();
      }
    }`,
  // A module-level Lock only the thread creates: GREEN_DEBUG says it is the thread's own.
  'unmatched.mjs': `
    import * as threading from 'threading';
    const extra = threading.current_thread() === threading.main_thread() ? null : new threading.Lock();
    function work() { console.log('own lock ' + (extra !== null)); }
    if (!extra) { const t = new threading.Thread({ target: work }); await t.start(); await t.join(); }
    if (!extra) new threading.Event();`,
};

const app = makeApp(FILES);
const MODES = ['none', 'all'] as const;
const run = (args: string[], patch: string, env: Record<string, string> = {}): Promise<Result> =>
  runInApp(app, ['--import', 'green-loader', ...args], { GREEN_PATCH: patch, ...env });

describe(`native and green threads end to end on Node ${NODE_VERSION}`, { concurrency: 4 }, () => {
  for (const patch of MODES) {
    test(`GREEN_PATCH=${patch}: a target uses its module's helper, import, constant and module-level Lock`, async () => {
      const lines = succeeded(await run(['helpers.mjs'], patch));
      assert.deepEqual(lines.slice(0, 3).sort(), ['[w1] done', '[w2] done', '[w3] done']);
      assert.deepEqual(lines.slice(3), ['total 15'], 'one lock serialized every read-modify-write');
    });

    test(`GREEN_PATCH=${patch}: a Thread subclass's run() uses threading and time, with its fields`, async () => {
      const lines = succeeded(await run(['subclass.mjs'], patch));
      assert.deepEqual(lines.slice(0, 2).sort(), ['adder-1 added 1 as adder-1 true', 'adder-2 added 2 as adder-2 true']);
      assert.deepEqual(lines.slice(2), ['sum 3']);
    });

    test(`GREEN_PATCH=${patch}: a module-level Event and Barrier are shared by threads given no args`, async () => {
      const lines = succeeded(await run(['event-barrier.mjs'], patch));
      assert.equal(lines[0], 'go');
      assert.deepEqual(lines.slice(1, 4).sort(), ['passed 0', 'passed 1', 'passed 2']);
      assert.equal(lines[4], 'all passed');
    });

    test(`GREEN_PATCH=${patch}: an unguarded script that starts threads at top level runs each target once`, async () => {
      const lines = succeeded(await run(['unguarded.mjs'], patch));
      assert.deepEqual(lines.filter((l) => l !== 'top'), ['sum 6']);
      // Natively each thread re-runs the top level up to its first start (the spawn model).
      assert.equal(lines.filter((l) => l === 'top').length, patch === 'none' ? 4 : 1);
    });

    test(`GREEN_PATCH=${patch}: an instance of the program's class arrives as one, its Lock still shared`, async () => {
      assert.deepEqual(succeeded(await run(['instance.mjs'], patch)), ['true Tally:a,b locked=true']);
    });

    test(`GREEN_PATCH=${patch}: CommonJS: a target from module.exports with a module-level Lock`, async () => {
      assert.deepEqual(succeeded(await run(['common.cjs'], patch)), ['hello from cjs locked=true C1']);
    });

    test(`GREEN_PATCH=${patch}: TypeScript by Node's type stripping`, { skip: !STRIPS_TYPES && `Node ${NODE_VERSION} does not strip types` }, async () => {
      assert.deepEqual(succeeded(await run(['typed.ts'], patch)), ['typed 41 true true']);
    });

    test(`GREEN_PATCH=${patch}: node --test --import green-loader with threads`, async () => {
      const result = await runInApp(app, ['--test', '--test-reporter=tap', '--import', 'green-loader', 'threads.test.mjs'], { GREEN_PATCH: patch });
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /# pass 1\b/);
    });

    test(`GREEN_PATCH=${patch}: a relative module target resolves against the module that names it`, async () => {
      assert.deepEqual(succeeded(await run(['jobs/main.mjs'], patch)), ['task relative']);
    });

    test(`GREEN_PATCH=${patch}: lines printed before a barrier come before every line printed after it`, async () => {
      const lines = succeeded(await run(['order.mjs'], patch));
      assert.equal(lines.length, 24);
      const lastBefore = Math.max(...lines.map((l, i) => (l.startsWith('before') ? i : -1)));
      const firstAfter = lines.findIndex((l) => l.startsWith('after'));
      assert.ok(lastBefore < firstAfter, lines.join('\n'));
    });

    test(`GREEN_PATCH=${patch}: daemon threads are abandoned at exit without a word; non-daemon ones are waited for`, async () => {
      const result = await run(['daemons.mjs'], patch);
      assert.deepEqual(succeeded(result), ['main done', 'worker done']);
      assert.equal(result.stderr, '');
    });

    test(`GREEN_PATCH=${patch}: a local subclass re-runs its constructor with its arguments in each thread`, async () => {
      assert.deepEqual(succeeded(await run(['locals.mjs'], patch)), ['value 1000 items 0', 'value 1000 items 1']);
    });
  }

  test('natively, a target nested in a function fails with its ReferenceError and the closure hint', async () => {
    const result = await run(['closure.mjs'], 'none');
    assert.deepEqual(succeeded(result), ['main done']);
    assert.match(result.stderr, /Exception in thread Thread-\d+ \(worker\)/);
    assert.match(result.stderr, /ReferenceError: secret is not defined \(native thread code runs from its source text/);
    assert.deepEqual(succeeded(await run(['closure.mjs'], 'all')), ['secret 42', 'main done']);
  });

  test('natively, an instance of a class the thread cannot reach is a TypeError at start(), naming the argument', async () => {
    const [line] = succeeded(await run(['unreachable.mjs'], 'none'));
    assert.match(line!, /^TypeError: args\[1\] is an instance of Hidden, which a native thread cannot reach/);
  });

  test('natively, GREEN_DEBUG names a module-level lock that has no counterpart in the creating thread', async () => {
    const result = await run(['unmatched.mjs'], 'none', { GREEN_DEBUG: '1' });
    assert.deepEqual(succeeded(result), ['own lock true']);
    assert.match(result.stderr, /green-loader: Lock created at file:\/\/\/.*\/unmatched\.mjs:3:\d+ \(#1\) has no counterpart in the thread that started this one/);
    assert.match(result.stderr, /green-loader: Event created at module level at file:\/\/\/.*\/unmatched\.mjs:6:\d+ \(#1\) after this thread started a thread/);
  });

  test('plain node (no loader): an exported target keeps its scope; others run from source, with the hint', async () => {
    const result = await runInApp(app, ['plain.mjs']);
    assert.deepEqual(succeeded(result), ['plain 1 locked=true', 'self-contained 1']);
    assert.match(result.stderr, /ReferenceError: LABEL is not defined \(native thread code runs from its source text/);
  });

  test("natively, errors point at the user's file and line", async () => {
    const result = await run(['boom.mjs'], 'none');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Error: boom\n\s+at explode \(file:\/\/\/.*\/boom\.mjs:3:\d+\)/);
  });
});
