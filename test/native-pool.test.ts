/**
 * Warm native threads, end to end: real `node --import green-loader`
 * processes (GREEN_PATCH=none) whose threads run one after another, so
 * that later ones find their creator's idle workers. Which thread ran on a
 * warm worker is read from GREEN_DEBUG's "runs on a warm worker" line
 * (never from timing); idents, enumerate(), local, excepthook and daemons
 * are asserted as the program prints them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNativePool } from '../loader/config.js';
import { makeApp, runInApp, succeeded, type Result } from './e2e-app.js';

const FILES: Record<string, string> = {
  // Four threads one after another: their view of themselves, a module-level value, a local.
  'reuse.mjs': `
    import * as threading from 'threading';
    let calls = 0;
    const ctx = new threading.local();
    class Tagged extends threading.local { constructor(tag) { super(); this.tag = tag; this.items = []; } }
    const tagged = new Tagged('t');
    const lock = new threading.Lock();
    function work(box) {
      calls++;
      const me = threading.current_thread();
      console.log(JSON.stringify({
        name: me.name, ident: threading.get_ident(), same: me.ident === threading.get_ident(), native: threading.get_native_id(),
        calls, seen: ctx.seen ?? null, tag: tagged.tag, items: tagged.items.length, locked: lock.locked(),
        names: threading.enumerate().map((t) => t.name), count: threading.active_count(),
      }));
      ctx.seen = me.name;
      tagged.items.push(1);
      Atomics.add(box, 0, 1);
    }
    if (threading.current_thread() === threading.main_thread()) {
      const box = new Int32Array(new SharedArrayBuffer(4));
      await lock.acquire();
      const seen = [];
      for (let i = 0; i < 4; i++) {
        const t = new threading.Thread({ target: work, args: [box], name: 'w' + i });
        await t.start();
        await t.join();
        seen.push({ ident: t.ident, native: t.native_id, alive: t.is_alive(), count: threading.active_count() });
      }
      console.log(JSON.stringify({ main: seen, box: box[0] }));
    }`,
  // CommonJS with no main guard: the first start stops the module's evaluation in each worker (Node then drops it from require.cache).
  'stopped.cjs': `
    const threading = require('threading');
    const lock = new threading.Lock();
    let calls = 0;
    function work() {
      calls++;
      console.log(JSON.stringify({ name: threading.current_thread().name, calls }));
    }
    module.exports = { work, lock };
    const first = new threading.Thread({ target: work, name: 'c0' });
    const started = first.start();
    (async () => {
      await started;
      await first.join();
      for (const name of ['c1', 'c2']) {
        const t = new threading.Thread({ target: work, name });
        await t.start();
        await t.join();
      }
      console.log('done');
    })();`,
  // Threads whose workers must not be reused, each followed by a plain one.
  'unsafe.mjs': `
    import * as threading from 'threading';
    function crash() { throw new Error('boom'); }
    function pending() { setTimeout(() => console.log('pending ran'), 20); }
    function exits() { process.exit(3); }
    function envs() { process.env.GREEN_TEST_CHANGED = '1'; }
    function plain() { console.log('plain ' + threading.current_thread().name); }
    if (threading.current_thread() === threading.main_thread()) {
      for (const target of [crash, pending, exits, envs]) {
        for (const [name, fn] of [[target.name, target], ['after-' + target.name, plain]]) {
          const t = new threading.Thread({ target: fn, name });
          await t.start();
          await t.join();
        }
      }
      console.log('done');
    }`,
  // Every way a thread (or its creator) changes the environment, each followed by a plain thread; reads change nothing.
  'envs.mjs': `
    import * as threading from 'threading';
    function plain() { console.log(threading.current_thread().name + ' ' + (process.env.GREEN_TEST_SET ?? '-') + ' ' + process.env.GREEN_TEST_PRELOADED); }
    function reads() { void process.env.GREEN_TEST_GIVEN; void Object.keys(process.env); void JSON.stringify(process.env); }
    function sets() { process.env.GREEN_TEST_SET = '1'; }
    function deletes() { delete process.env.GREEN_TEST_GIVEN; }
    function defines() { Object.defineProperty(process.env, 'GREEN_TEST_DEFINED', { value: 'x', writable: true, enumerable: true, configurable: true }); }
    function replaces() { process.env = { ...process.env }; }
    async function run(name, target) {
      const t = new threading.Thread({ target, name });
      await t.start();
      await t.join();
    }
    if (threading.current_thread() === threading.main_thread()) {
      await run('first', plain);
      for (const target of [reads, sets, deletes, defines, replaces]) {
        await run(target.name, target);
        await run('after-' + target.name, plain);
      }
      process.env.GREEN_TEST_MAIN = '1';
      await run('after-main', plain);
      await run('last', plain);
    }`,
  // A preload that sets the environment as it loads (dotenv): in each thread's worker too, before its first thread.
  'sets-env.mjs': `process.env.GREEN_TEST_PRELOADED = 'preloaded';`,
  // A --require preload runs in a worker before its first module: it can hold the unwatched process.env.
  'capture.cjs': `globalThis.rawEnv = process.env;`,
  'bypass.mjs': `
    import * as threading from 'threading';
    function plain() { console.log(threading.current_thread().name + ' ' + (process.env.GREEN_TEST_BYPASS ?? '-')); }
    function bypass() { globalThis.rawEnv.GREEN_TEST_BYPASS = '1'; }
    if (threading.current_thread() === threading.main_thread()) {
      for (const [name, target] of [['first', plain], ['bypass', bypass], ['after-bypass', plain], ['last', plain]]) {
        const t = new threading.Thread({ target, name });
        await t.start();
        await t.join();
      }
    }`,
  // Concurrent threads (held by a module-level Event), twice: the second round takes the first round's workers.
  'rounds.mjs': `
    import * as threading from 'threading';
    const go = new threading.Event();
    async function work() { await go.wait(); }
    if (threading.current_thread() === threading.main_thread()) {
      for (const round of ['a', 'b']) {
        const threads = [1, 2, 3].map((i) => new threading.Thread({ target: work, name: round + i }));
        for (const t of threads) await t.start();
        const running = threading.enumerate().map((t) => t.name).sort().join(',');
        const natives = new Set(threads.map((t) => t.native_id)).size;
        go.set();
        for (const t of threads) await t.join();
        go.clear();
        console.log(round + ' ' + running + ' natives=' + natives + ' idents=' + new Set(threads.map((t) => t.ident)).size);
      }
    }`,
  // A thread that starts threads one after another: its own warm pool.
  'nested.mjs': `
    import * as threading from 'threading';
    function leaf() { console.log('leaf ' + threading.get_ident()); }
    async function parent() {
      for (let i = 0; i < 2; i++) {
        const t = new threading.Thread({ target: leaf, name: 'leaf' + i });
        await t.start();
        await t.join();
      }
    }
    if (threading.current_thread() === threading.main_thread()) {
      const t = new threading.Thread({ target: parent, name: 'parent' });
      await t.start();
      await t.join();
      console.log('main ' + threading.get_ident());
    }`,
  // A daemon that ends is reused; one still running when the main thread ends is abandoned.
  'daemon.mjs': `
    import * as threading from 'threading';
    import * as time from 'time';
    function quick() {}
    function forever() { for (;;) time.sleep(1); }
    if (threading.current_thread() === threading.main_thread()) {
      const quickOne = new threading.Thread({ target: quick, name: 'quick', daemon: true });
      await quickOne.start();
      await quickOne.join();
      await new threading.Thread({ target: forever, name: 'forever', daemon: true }).start();
      console.log('main ends');
    }`,
  // A job that cannot be sent to the warm worker leaves it idle for the next thread.
  'clone.mjs': `
    import * as threading from 'threading';
    function work() {}
    if (threading.current_thread() === threading.main_thread()) {
      const first = new threading.Thread({ target: work, name: 'first' });
      await first.start();
      await first.join();
      try { await new threading.Thread({ target: work, args: [Symbol('s')], name: 'symbol' }).start(); }
      catch (error) { console.log(error.name + ': ' + error.message.split(':')[0]); }
      const after = new threading.Thread({ target: work, name: 'after' });
      await after.start();
      await after.join();
      console.log('active ' + threading.active_count());
    }`,
  // A pause longer than the idle timeout (a later timer fires later): the worker is gone.
  'expire.mjs': `
    import * as threading from 'threading';
    function work() {}
    if (threading.current_thread() === threading.main_thread()) {
      for (const name of ['first', 'second']) {
        const t = new threading.Thread({ target: work, name });
        await t.start();
        await t.join();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }`,
  // The pool is idle (and its idle timeout long) when the main thread ends.
  'idle.mjs': `
    import * as threading from 'threading';
    function work() {}
    if (threading.current_thread() === threading.main_thread()) {
      const t = new threading.Thread({ target: work });
      await t.start();
      await t.join();
      console.log('last thread joined');
    }`,
};

const app = makeApp(FILES, 'green-pool-');
const WARM = /native thread "([^"]+)" \(ident (\d+)\) runs on a warm worker/g;

/** Run a program natively with GREEN_DEBUG on (and a kill after 60 s so a hang fails). */
function run(file: string, env: Record<string, string> = {}): Promise<Result> {
  return runInApp(app, ['--import', 'green-loader', file], { GREEN_PATCH: 'none', GREEN_DEBUG: '1', ...env });
}

/** The names of the threads that ran on a warm worker, in order. */
function warmThreads(result: Result): string[] {
  return [...result.stderr.matchAll(WARM)].map((match) => match[1]!);
}

test('later threads run on the first thread\'s warm worker, each with its own ident, view of the threads and local', async () => {
  const result = await run('reuse.mjs');
  const lines = succeeded(result).map((line) => JSON.parse(line) as Record<string, any>);
  assert.deepEqual(warmThreads(result), ['w1', 'w2', 'w3']);
  const threads = lines.slice(0, 4);
  const { main, box } = lines[4]!;
  assert.equal(box, 4);
  assert.deepEqual(threads.map((t) => t.name), ['w0', 'w1', 'w2', 'w3']);
  for (const [i, t] of threads.entries()) {
    assert.equal(t.same, true);
    assert.equal(t.ident, main[i].ident, 'the ident the creator sees is the thread\'s get_ident()');
    assert.deepEqual(t.names, ['MainThread', `w${i}`]);
    assert.equal(t.count, 2);
    assert.equal(t.locked, true, 'a module-level Lock stays the creator\'s');
    assert.equal(t.seen, null, 'a module-level local is fresh in every thread');
    assert.deepEqual([t.tag, t.items], ['t', 0], 'a local subclass is constructed again, with its arguments');
  }
  assert.equal(new Set(threads.map((t) => t.ident)).size, 4, 'idents are distinct');
  assert.ok(threads.slice(1).every((t) => t.ident >= 2 ** 24 && t.ident < 2 ** 31));
  assert.equal(new Set(threads.map((t) => t.native)).size, 1, 'one OS thread ran them all');
  assert.deepEqual(threads.map((t) => t.calls), [1, 2, 3, 4], 'module-level values are what the earlier threads left');
  assert.deepEqual(main.map((m: { alive: boolean; count: number }) => [m.alive, m.count]), Array(4).fill([false, 1]));
});

test('a CommonJS module that stopped at its first thread start is not evaluated again on a warm worker', async () => {
  const result = await run('stopped.cjs');
  const lines = succeeded(result);
  assert.deepEqual(warmThreads(result), ['c1', 'c2']);
  assert.deepEqual(lines.slice(0, 3).map((line) => JSON.parse(line) as unknown), [
    { name: 'c0', calls: 1 },
    { name: 'c1', calls: 2 },
    { name: 'c2', calls: 3 },
  ], 'the later threads find the module the first one imported');
  assert.equal(lines[3], 'done');
  assert.doesNotMatch(result.stderr, /has no counterpart/, 'its module-level Lock stays matched to the creator\'s');
});

test('a worker whose thread crashed, left work pending, exited or changed its environment is not reused', async () => {
  const result = await run('unsafe.mjs');
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.split('\n').filter(Boolean), [
    'plain after-crash',
    'pending ran',
    'plain after-pending',
    'plain after-exits',
    'plain after-envs',
    'done',
  ]);
  assert.match(result.stderr, /Exception in thread crash[\s\S]*Error: boom/);
  // Each unsafe thread took the plain thread's worker before it; no plain thread after one found it.
  assert.deepEqual(warmThreads(result), ['pending', 'exits', 'envs']);
});

test('a worker whose thread set, deleted, defined or replaced process.env is not reused, nor one booted before its creator\'s changed', async () => {
  const result = await runInApp(app, ['--import', './sets-env.mjs', '--import', 'green-loader', 'envs.mjs'], {
    GREEN_PATCH: 'none',
    GREEN_DEBUG: '1',
    GREEN_TEST_GIVEN: 'given',
  });
  assert.deepEqual(succeeded(result), [
    'first - preloaded',
    'after-reads - preloaded',
    'after-sets - preloaded',
    'after-deletes - preloaded',
    'after-defines - preloaded',
    'after-replaces - preloaded',
    'after-main - preloaded',
    'last - preloaded',
  ]);
  // What the preload set while the worker booted is no change; reading is none either.
  assert.deepEqual(warmThreads(result), ['reads', 'after-reads', 'sets', 'deletes', 'defines', 'replaces', 'last']);
});

test('with a --require preload, a write around the watched process.env still keeps the worker from reuse', async () => {
  const result = await runInApp(app, ['--require', './capture.cjs', '--import', 'green-loader', 'bypass.mjs'], { GREEN_PATCH: 'none', GREEN_DEBUG: '1' });
  assert.deepEqual(succeeded(result), ['first -', 'after-bypass -', 'last -']);
  assert.deepEqual(warmThreads(result), ['bypass', 'last']);
});

test('a second round of concurrent threads takes the first round\'s workers; enumerate lists each round', async () => {
  const result = await run('rounds.mjs');
  assert.deepEqual(succeeded(result), ['a MainThread,a1,a2,a3 natives=3 idents=3', 'b MainThread,b1,b2,b3 natives=3 idents=3']);
  assert.deepEqual(warmThreads(result).sort(), ['b1', 'b2', 'b3']);
});

test('GREEN_NATIVE_POOL bounds the idle workers kept; GREEN_NATIVE_POOL_IDLE_MS ends idle ones', async () => {
  const bounded = await run('rounds.mjs', { GREEN_NATIVE_POOL: '1' });
  assert.equal(succeeded(bounded).length, 2);
  assert.equal(warmThreads(bounded).length, 1);
  const expired = await run('expire.mjs', { GREEN_NATIVE_POOL_IDLE_MS: '1' });
  succeeded(expired);
  assert.deepEqual(warmThreads(expired), []);
  const kept = await run('expire.mjs', { GREEN_NATIVE_POOL_IDLE_MS: '60000' });
  assert.deepEqual(warmThreads(kept), ['second']);
});

test('a job that cannot be sent to a warm worker is refused with a TypeError and the worker stays warm', async () => {
  const result = await run('clone.mjs');
  assert.deepEqual(succeeded(result), ["TypeError: a native thread's args, kwargs and fields must be structured-cloneable", 'active 1']);
  assert.deepEqual(warmThreads(result), ['after']);
});

test('a native thread keeps its own warm pool for the threads it starts', async () => {
  const result = await run('nested.mjs');
  const lines = succeeded(result);
  assert.equal(lines.length, 3);
  assert.deepEqual(warmThreads(result), ['leaf1']);
  const idents = lines.map((line) => Number(line.split(' ')[1]));
  assert.equal(new Set(idents).size, 3);
  assert.equal(idents[2], 1);
});

test('a daemon that ended is reused; a running daemon is abandoned when the main thread ends', async () => {
  const result = await run('daemon.mjs');
  assert.deepEqual(succeeded(result), ['main ends']);
  assert.deepEqual(warmThreads(result), ['forever']);
});

test('an idle pool does not keep the process alive, however long its idle timeout', async () => {
  const result = await runInApp(app, ['--import', 'green-loader', 'idle.mjs'], { GREEN_PATCH: 'none', GREEN_NATIVE_POOL_IDLE_MS: '600000' });
  assert.equal(result.signal, null);
  assert.deepEqual(succeeded(result), ['last thread joined']);
});

test('GREEN_NATIVE_POOL=0 turns reuse off: every thread boots its own worker', async () => {
  const result = await run('reuse.mjs', { GREEN_NATIVE_POOL: '0' });
  const lines = succeeded(result).map((line) => JSON.parse(line) as { ident: number; native: number });
  assert.deepEqual(warmThreads(result), []);
  const threads = lines.slice(0, 4);
  assert.equal(new Set(threads.map((t) => t.native)).size, 4);
  assert.ok(threads.every((t) => t.ident < 2 ** 24));
  assert.deepEqual(threads.map((t) => (t as unknown as { calls: number }).calls), [1, 1, 1, 1]);
});

test('GREEN_NATIVE_POOL and GREEN_NATIVE_POOL_IDLE_MS: defaults, values, and errors naming the variable', async () => {
  assert.deepEqual(parseNativePool(undefined, undefined), { size: 16, idleMs: 5000 });
  assert.deepEqual(parseNativePool(' 0 ', ' '), { size: 0, idleMs: 5000 });
  assert.deepEqual(parseNativePool('200', '250'), { size: 200, idleMs: 250 });
  for (const bad of ['-1', '1.5', 'many', '1025']) {
    assert.throws(() => parseNativePool(bad, undefined), { name: 'ConfigError', message: new RegExp(`^GREEN_NATIVE_POOL: unknown value "${bad}"`) });
  }
  for (const bad of ['0', 'soon', '1e3']) {
    assert.throws(() => parseNativePool(undefined, bad), { name: 'ConfigError', message: new RegExp(`^GREEN_NATIVE_POOL_IDLE_MS: unknown value "${bad}"`) });
  }
  const result = await runInApp(app, ['--import', 'green-loader', 'idle.mjs'], { GREEN_PATCH: 'none', GREEN_NATIVE_POOL: 'lots' });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /GREEN_NATIVE_POOL: unknown value "lots"/);
});
