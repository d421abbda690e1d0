/**
 * What crosses native threads by reference, end to end (real `node
 * --import green-loader` processes, on real threads and on greenlets under
 * the same assertions): module-level functions, static methods and classes
 * in args and in queue items both ways (pickle's by-name functions); the
 * process's streams and console in args; class attributes written by one
 * thread and read by another (Python's shared class attributes). Then what
 * still cannot cross, natively: each a TypeError naming where it was, or a
 * GREEN_DEBUG line saying what became a thread's own.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeApp, NODE, NODE_VERSION, runInApp, succeeded, type Result } from './e2e-app.js';
import { runNode } from './helpers.js';

const MAIN = 'threading.current_thread() === threading.main_thread()';

const FILES: Record<string, string> = {
  // Functions and classes by reference: in args, and in queue items to a thread and back.
  'refs.mjs': `
    import * as threading from 'threading';
    import { Queue } from 'queue';
    const tasks = new Queue();
    const results = new Queue();
    function square(n) { return n * n; }
    class Shapes { static area(w, h) { return w * h; } }
    class Point { constructor(x, y) { this.x = x; this.y = y; } norm1() { return Math.abs(this.x) + Math.abs(this.y); } }
    async function worker(fn, Cls) {
      console.log('arg ' + (fn === square) + ' ' + (Cls === Point) + ' ' + fn(3) + ' ' + new Cls(1, -2).norm1());
      for (;;) {
        const task = await tasks.get();
        if (task === 'STOP') break;
        const [f, args] = task;
        await results.put([f.name, f(...args), f, new Point(...args)]);
      }
    }
    if (${MAIN}) {
      const t = new threading.Thread({ target: worker, args: [square, Point] });
      await t.start();
      for (const task of [[square, [4, 0]], [Shapes.area, [2, 5]]]) await tasks.put(task);
      await tasks.put('STOP');
      for (let i = 0; i < 2; i++) {
        const [name, value, f, p] = await results.get();
        console.log('result ' + name + ' ' + value + ' ' + (f === square || f === Shapes.area) + ' ' + (p instanceof Point) + ' ' + p.norm1());
      }
      await t.join();
    }`,
  // A queue item naming a function of a module the receiving thread never imported.
  'elsewhere/consumer.mjs': `
    export async function consume(q) {
      try { await q.get(); } catch (error) { console.log(error.name + ': ' + error.message); }
    }`,
  'elsewhere/main.mjs': `
    import * as threading from 'threading';
    import { Queue } from 'queue';
    import { consume } from './consumer.mjs';
    function helper() {}
    const q = new Queue();
    const t = new threading.Thread({ target: consume, args: [q] });
    await t.start();
    await q.put(helper);
    await t.join();`,
  // What cannot cross, named where it was.
  'unreachable-fn.mjs': `
    import * as threading from 'threading';
    import { Queue } from 'queue';
    function work() {}
    function make() { return function inner() {}; }
    const q = new Queue();
    try { await new threading.Thread({ target: work, args: [1, make()] }).start(); console.log('args crossed'); }
    catch (error) { console.log(error.name + ': ' + error.message); }
    try { q.put_nowait([work, { cb: make() }]); console.log('item queued ' + q.qsize()); }
    catch (error) { console.log(error.name + ': ' + error.message + ' ' + q.qsize()); }`,
  // The process's streams and console in args are the thread's own (the same fds).
  'stdio.mjs': `
    import * as threading from 'threading';
    function speak(out, err, log) { out.write('to stdout\\n'); err.write('to stderr\\n'); log.log('via console'); }
    async function echo(input) {
      let text = '';
      for await (const chunk of input) text += chunk;
      console.log('read ' + JSON.stringify(text));
    }
    if (${MAIN}) {
      for (const [target, args] of [[speak, [process.stdout, process.stderr, console]], [echo, [process.stdin]]]) {
        const t = new threading.Thread({ target, args });
        await t.start();
        await t.join();
      }
    }`,
  // Class attributes: the main thread's write reaches the thread, the thread's reaches the main thread.
  'statics.mjs': `
    import * as threading from 'threading';
    import * as time from 'time';
    class State {
      static running = true;
      static label = 'start';
      static rounds = 0;
    }
    async function spin() {
      while (State.running) { State.rounds = 1; await time.sleep(0.005); }
      State.label = 'seen by ' + threading.current_thread().name;
    }
    if (${MAIN}) {
      const t = new threading.Thread({ target: spin, name: 'spinner' });
      await t.start();
      while (State.rounds === 0) await time.sleep(0.005);
      State.running = false;
      await t.join();
      console.log(State.label + ' / ' + State.running);
    }`,
  // A shared attribute assigned an object becomes that thread's own, and GREEN_DEBUG says so.
  'statics-object.mjs': `
    import * as threading from 'threading';
    class Cache { static entry = null; }
    function fill() { Cache.entry = { filled: true }; console.log('thread ' + JSON.stringify(Cache.entry)); }
    if (${MAIN}) {
      const t = new threading.Thread({ target: fill });
      await t.start();
      await t.join();
      console.log('main ' + JSON.stringify(Cache.entry));
    }`,
};

const app = makeApp(FILES, 'green-pickle-');
const run = (args: string[], patch: string, env: Record<string, string> = {}): Promise<Result> =>
  runInApp(app, ['--import', 'green-loader', ...args], { GREEN_PATCH: patch, ...env });

describe(`by reference across native threads, end to end on Node ${NODE_VERSION}`, { concurrency: 4 }, () => {
  for (const patch of ['none', 'all']) {
    test(`GREEN_PATCH=${patch}: module-level functions, static methods and classes cross in args and queue items, both ways`, async () => {
      assert.deepEqual(succeeded(await run(['refs.mjs'], patch)), ['arg true true 9 3', 'result square 16 true true 4', 'result area 10 true true 7']);
    });

    test(`GREEN_PATCH=${patch}: process.stdout, process.stderr, console and process.stdin in args are the thread's own`, async () => {
      const result = await runNode(NODE, ['--import', 'green-loader', 'stdio.mjs'], { cwd: app, env: { GREEN_PATCH: patch }, input: 'one\ntwo\n' });
      assert.deepEqual(succeeded(result), ['to stdout', 'via console', 'read "one\\ntwo\\n"']);
      assert.equal(result.stderr, 'to stderr\n');
    });

    test(`GREEN_PATCH=${patch}: a class attribute written by one thread is read by the other`, async () => {
      assert.deepEqual(succeeded(await run(['statics.mjs'], patch)), ['seen by spinner / false']);
    });
  }

  test('natively, a function the receiving thread cannot reach is a TypeError naming where it was, and nothing crosses', async () => {
    assert.deepEqual(succeeded(await run(['unreachable-fn.mjs'], 'none')), [
      'TypeError: args[1] is a function (inner) that a native thread cannot reach: functions and classes cross by reference, ' +
        'as pickle sends them, only when declared at the top level of an app module (or as a static member of a class declared there) ' +
        'under the loader, or exported by a CommonJS module; define it there, or call it from the target instead',
      `TypeError: item[1].cb is a function (inner) that a native thread cannot reach: functions and classes cross by reference, ` +
        'as pickle sends them, only when declared at the top level of an app module (or as a static member of a class declared there) ' +
        'under the loader, or exported by a CommonJS module; define it there, or call it from the target instead 0',
    ]);
    assert.deepEqual(succeeded(await run(['unreachable-fn.mjs'], 'all')), ['args crossed', 'item queued 1']);
  });

  test('natively, a queue item naming a function of a module the receiving thread did not import fails at get(), naming both', async () => {
    const [line] = succeeded(await run(['elsewhere/main.mjs'], 'none'));
    assert.match(line!, /^ReferenceError: a native thread cannot find `helper`: file:\/\/\/.*\/elsewhere\/main\.mjs was not loaded through green-loader's hooks in this thread$/);
  });

  test('natively, a shared class attribute assigned an object becomes the thread own, and GREEN_DEBUG says so', async () => {
    const result = await run(['statics-object.mjs'], 'none', { GREEN_DEBUG: '1' });
    assert.deepEqual(succeeded(result), ['thread {"filled":true}', 'main null']);
    assert.match(result.stderr, /green-loader: Cache\.entry \(file:\/\/\/.*\/statics-object\.mjs\) was assigned an object: it is this thread's own from now on/);
    assert.deepEqual(succeeded(await run(['statics-object.mjs'], 'all')), ['thread {"filled":true}', 'main {"filled":true}'], 'greenlets share everything');
  });
});
