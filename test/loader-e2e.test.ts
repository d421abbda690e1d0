/**
 * End-to-end tests of the loader: real `node` processes running small apps
 * from a temp directory whose node_modules/green-loader links to this
 * package. Set GREEN_E2E_NODE=/path/to/node to run them under another Node
 * (CI runs them under Node 22, where the registerHooks path is taken; Node 20
 * takes the register() + hooks-thread path).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasSafeRegisterHooks } from '../loader/sync-hooks-support.js';
import { makeApp, NODE, NODE_VERSION, REPO, runInApp, type Result } from './e2e-app.js';

const HOOKS_LINE = hasSafeRegisterHooks(NODE_VERSION) ? 'hooks: module.registerHooks() (in-thread)' : 'hooks: module.register() (hooks thread)';
const DIST = new URL('../', import.meta.url).href;
const PRELOAD = new URL('../loader/preload.js', import.meta.url).href;
const GREEN_RUN = fileURLToPath(new URL('../loader/green-run.js', import.meta.url));

const loads = (specifier: string) => import(specifier).then(() => true, () => false);
const NATIVE_SKIP = !(await loads('../shims/threading.js')) && 'native shims not landed';
const GREEN_SKIP = NATIVE_SKIP || (!(await loads('../shims/green/threading.js')) && 'green shims not landed');

const FILES: Record<string, string> = {
  // Where each shim specifier resolves, through every resolution API.
  'resolve.mjs': `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const names = ['threading', 'thread', 'time'];
    console.log(JSON.stringify({
      import: names.map((n) => import.meta.resolve(n)),
      require: names.map((n) => require.resolve(n)),
      builtin: import.meta.resolve('node:fs'),
    }));`,
  // Node before 20.16 (and 22.3) has no process.getBuiltinModule: the preload and the green path then import node:module.
  'no-get-builtin.cjs': `delete process.getBuiltinModule;`,
  'resolve.cjs': `
    console.log(JSON.stringify({ require: ['threading', 'thread', 'time'].map((n) => require.resolve(n)) }));`,
  // Which implementation each facade points at, and what monkey says.
  'probe.mjs': `
    import * as threading from 'threading';
    import * as thread from 'thread';
    import * as time from 'time';
    import { isModulePatched } from 'green-loader/monkey';
    const which = async (name, facade, key) => {
      if (facade[key] === (await import('green-loader/native/' + name))[key]) return 'native';
      return facade[key] === (await import('green-loader/green/' + name))[key] ? 'green' : 'unknown';
    };
    console.log(JSON.stringify({
      threading: [await which('threading', threading, 'Thread'), isModulePatched('threading')],
      thread: [await which('thread', thread, 'start_new_thread'), isModulePatched('thread')],
      time: [await which('time', time, 'sleep'), isModulePatched('time')],
    }));`,
  'probe.cjs': `
    const threading = require('threading');
    const thread = require('thread');
    const time = require('time');
    const { isModulePatched } = require('green-loader/monkey');
    const which = (name, facade, key) => {
      if (facade[key] === require('green-loader/native/' + name)[key]) return 'native';
      return facade[key] === require('green-loader/green/' + name)[key] ? 'green' : 'unknown';
    };
    console.log(JSON.stringify({
      threading: [which('threading', threading, 'Thread'), isModulePatched('threading')],
      thread: [which('thread', thread, 'start_new_thread'), isModulePatched('thread')],
      time: [which('time', time, 'sleep'), isModulePatched('time')],
    }));`,
  // An app with its own package named threading keeps it.
  'own/node_modules/threading/package.json': '{ "name": "threading", "main": "index.js" }',
  'own/node_modules/threading/index.js': 'module.exports = { own: true };',
  'own/app.mjs': `
    import esm from 'threading';
    import { createRequire } from 'node:module';
    const cjs = createRequire(import.meta.url)('threading');
    console.log(JSON.stringify({ esm: esm.own, cjs: cjs.own, time: import.meta.resolve('time') }));`,
  // A second loader: a tiny register() resolve hook serving a virtual module.
  'other-loader.mjs': `
    import { register } from 'node:module';
    const hook = 'export async function resolve(s, c, next) {' +
      ' if (s === "virtual:answer") return { url: "data:text/javascript,export default 42", shortCircuit: true };' +
      ' return next(s, c); }';
    register('data:text/javascript,' + encodeURIComponent(hook));`,
  'chain.mjs': `
    import answer from 'virtual:answer';
    console.log(JSON.stringify({ answer, threading: import.meta.resolve('threading') }));`,
  // What is loaded before the app imports a shim, and after.
  'lazy.mjs': `
    const facades = () => [...(globalThis[Symbol.for('green-loader.facades')]?.keys() ?? [])].sort();
    const before = facades();
    const threading = await import('threading');
    const green = await import('green-loader/green/threading');
    console.log(JSON.stringify({ before, after: facades(), green: threading.Thread === green.Thread }));`,
  // Synchronous patching without the loader: a facade imported after the patch comes up patched.
  'sync-patch.mjs': `
    import { patchAll, patchThread, unpatch, isModulePatched } from 'green-loader/monkey';
    import * as threading from 'green-loader/threading';
    import * as green from 'green-loader/green/threading';
    const results = {};
    results.returned = patchThread();
    results.threadGreenAtOnce = new threading.Thread({ target() {} }) instanceof green.Thread;
    results.timeBefore = isModulePatched('time');
    results.all = patchAll();
    const time = await import('green-loader/time');
    results.timeGreen = time.sleep === (await import('green-loader/green/time')).sleep;
    results.unpatched = unpatch();
    results.timeNative = time.sleep === (await import('green-loader/native/time')).sleep;
    console.log(JSON.stringify(results));`,
  // An installed threading package that is broken must surface its own error, not be replaced.
  'broken/node_modules/threading/package.json': '{ "name": "threading", "main": "missing.js" }',
  'broken/app.mjs': "import 'threading';",
  'broken/app.cjs': "require('threading');",
  'broken-exports/node_modules/threading/package.json': '{ "name": "threading", "exports": "./missing.js" }',
  'broken-exports/app.mjs': "import 'threading';",
  'broken-exports/app.cjs': "require('threading');",
  // A Worker of the app's own under the loader: its top level is not MainThread.
  'worker.mjs': `
    import { Worker } from 'node:worker_threads';
    import { current_thread, main_thread } from 'threading';
    const here = { current: current_thread().name, ident: current_thread().ident, main: main_thread().ident };
    const w = new Worker(new URL('./worker-body.mjs', import.meta.url));
    w.on('message', (inside) => console.log(JSON.stringify({ here, inside })));`,
  'worker-body.mjs': `
    import { parentPort, threadId } from 'node:worker_threads';
    import { current_thread, get_ident, main_thread } from 'threading';
    const me = current_thread();
    parentPort.postMessage({ threadId, name: me.name, ident: me.ident, getIdent: get_ident(), mainIsMe: main_thread() === me });`,
  // What the preload loads: a load hook (registerHooks sees require(esm) too) names every module of green-loader.
  'trace-loads.mjs': `
    import { registerHooks } from 'node:module';
    import { writeSync } from 'node:fs';
    registerHooks({ load(url, context, next) {
      if (url.includes('/dist/')) writeSync(2, 'loaded ' + url.slice(url.indexOf('/dist/') + 6) + '\\n');
      return next(url, context);
    } });`,
  'no-shim.mjs': `
    console.log(JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (worker_threads|perf_hooks)$/.test(m))));`,
  'one-thread.mjs': `
    import * as threading from 'threading';
    const t = new threading.Thread({ target: () => {} });
    await t.start(); await t.join();
    console.log(JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (worker_threads|perf_hooks)$/.test(m))));`,
  // A facade that came up patched reaches its native originals on demand.
  'originals.mjs': `
    import * as threading from 'threading';
    import { saved, getOriginal, isObjectPatched, unpatch } from 'green-loader/monkey';
    const green = await import('green-loader/green/threading');
    const native = await import('green-loader/native/threading');
    console.log(JSON.stringify({
      green: threading.Thread === green.Thread && threading.excepthook === native.excepthook,
      saved: Object.keys(saved.threading).sort().join() === [...green.__implements__].sort().join() && saved.threading.Lock === native.Lock,
      original: getOriginal('threading', 'Thread') === native.Thread,
      patched: [isObjectPatched('threading', 'Thread'), isObjectPatched('threading', 'TIMEOUT_MAX')],
      unpatched: unpatch('threading') && threading.Thread === native.Thread && threading.Event === native.Event,
    }));`,
  'killed.cjs': 'process.kill(process.pid, "SIGTERM"); setTimeout(() => {}, 5000);',
  'args.cjs': `
    console.log(JSON.stringify({ args: process.argv.slice(2), patch: process.env.GREEN_PATCH }));
    process.exitCode = 7;`,
};

/** Run `node args…` (or another command) in the fixture dir with a clean green-loader environment. */
function run(args: string[], env: Record<string, string> = {}, cwd = app): Promise<Result> {
  return runInApp(cwd, args, env);
}

/** Parse an app's JSON line, showing its stderr when it failed. */
function output(result: Result): any {
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

const facadeURLs = ['threading', 'thread', 'time'].map((n) => `${DIST}shims/${n}.js`);
const facadePaths = ['threading', 'thread', 'time'].map((n) => fileURLToPath(`${DIST}shims/${n}.cjs`));
const NONE = { GREEN_PATCH: 'none' };

const app = makeApp(FILES);


describe(`loader end to end on Node ${NODE_VERSION}`, { concurrency: 4 }, () => {
  test('ESM: import, import.meta.resolve, createRequire and require.resolve reach the facades', async () => {
    const out = output(await run(['--import', 'green-loader', 'resolve.mjs'], NONE));
    assert.deepEqual(out, { import: facadeURLs, require: facadePaths, builtin: 'node:fs' });
  });

  test('CommonJS: require.resolve reaches the .cjs facades', async () => {
    assert.deepEqual(output(await run(['--import', 'green-loader', 'resolve.cjs'], NONE)), { require: facadePaths });
  });

  test('without the loader, the bare names do not resolve', async () => {
    const result = await run(['resolve.cjs']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Cannot find module 'threading'/);
  });

  test("an app's own node_modules/threading is kept; time is still filled in", async () => {
    const out = output(await run(['--import', 'green-loader', 'app.mjs'], NONE, join(app, 'own')));
    assert.deepEqual(out, { esm: true, cjs: true, time: facadeURLs[2] });
  });

  test('NODE_OPTIONS="--import green-loader" resolves the package from the cwd', async () => {
    const out = output(await run(['resolve.mjs'], { ...NONE, NODE_OPTIONS: '--import green-loader' }));
    assert.deepEqual(out.import, facadeURLs);
  });

  test('without process.getBuiltinModule, as before Node 20.16, the preload runs and patches', { skip: GREEN_SKIP }, async () => {
    const out = output(await run(['-r', './no-get-builtin.cjs', '--import', 'green-loader', 'probe.mjs']));
    assert.deepEqual(out, { threading: ['green', true], thread: ['green', true], time: ['green', true] });
  });

  test('installed twice (NODE_OPTIONS and --import) it acts once', async () => {
    const result = await run(['--import', PRELOAD, 'resolve.cjs'], { ...NONE, GREEN_DEBUG: '1', NODE_OPTIONS: '--import green-loader' });
    assert.deepEqual(output(result), { require: facadePaths });
    assert.equal(result.stderr.split(HOOKS_LINE).length - 1, 1, result.stderr);
    assert.equal(result.stderr.match(/require 'threading'/g)?.length, 1, result.stderr);
  });

  test('GREEN_DEBUG=1 prints the hooks used, the patch decision and each redirect', async () => {
    const result = await run(['--import', 'green-loader', 'resolve.mjs'], { GREEN_PATCH: 'none', GREEN_DEBUG: '1' });
    output(result);
    const [cache, ...lines] = result.stderr.trim().split('\n');
    // First what the preload's code cache did (off under coverage, see test/code-cache.test.ts).
    assert.match(cache!, /^green-loader: code cache of preload-main\.code\.js: (off|miss|rejected|hit)\b/);
    assert.equal(lines[0], 'green-loader: GREEN_PATCH=none -> thread: no, time: no');
    assert.equal(lines[1], `green-loader: ${HOOKS_LINE}`);
    assert.ok(lines.includes(`green-loader: import 'threading' from file://${app}/resolve.mjs -> ${facadeURLs[0]} (no package 'threading' installed)`), result.stderr);
    assert.ok(lines.includes(`green-loader: require 'time' from ${app}/resolve.mjs -> ${facadePaths[2]} (no package 'time' installed)`), result.stderr);
    assert.equal(lines.length, 8, result.stderr);
  });

  test('GREEN_DEBUG says when an installed package is kept', async () => {
    const result = await run(['--import', 'green-loader', 'app.mjs'], { GREEN_PATCH: 'none', GREEN_DEBUG: '1' }, join(app, 'own'));
    output(result);
    assert.match(result.stderr, /import 'threading' from .*app\.mjs -> file:.*own\/node_modules\/threading\/index\.js \(the app's own package\)/);
    assert.match(result.stderr, /require 'threading' from .*app\.mjs -> .*own\/node_modules\/threading\/index\.js \(the app's own package\)/);
  });

  for (const dir of ['broken', 'broken-exports']) {
    for (const file of ['app.mjs', 'app.cjs']) {
      test(`an installed threading package that cannot load surfaces its own error (${dir}/${file})`, async () => {
        const result = await run(['--import', 'green-loader', file], { ...NONE, GREEN_DEBUG: '1' }, join(app, dir));
        assert.notEqual(result.code, 0, 'not silently replaced by the shim');
        assert.match(result.stderr, /node_modules\/threading/, result.stderr);
        assert.doesNotMatch(result.stderr, /no package 'threading' installed/);
      });
    }
  }

  test('GREEN_PATCH=bogus stops startup with exit 1, naming the valid values, before any hook', async () => {
    const result = await run(['--import', 'green-loader', 'resolve.mjs'], { GREEN_PATCH: 'thread,bogus', GREEN_DEBUG: '1' });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^green-loader: GREEN_PATCH: unknown name "bogus" in "thread,bogus"\. Valid names: thread, time, all, none/);
  });

  test('GREEN_DEBUG=maybe stops startup with exit 1 too', async () => {
    const result = await run(['--import', 'green-loader', 'resolve.mjs'], { GREEN_DEBUG: 'maybe' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /GREEN_DEBUG: unknown value "maybe"/);
  });

  for (const order of ['other loader first', 'green-loader first']) {
    test(`chains with another register() loader, ${order}`, async () => {
      const loaders = ['--import', './other-loader.mjs', '--import', 'green-loader'];
      const args = order === 'green-loader first' ? [...loaders.slice(2), ...loaders.slice(0, 2)] : loaders;
      assert.deepEqual(output(await run([...args, 'chain.mjs'], NONE)), { answer: 42, threading: facadeURLs[0] });
    });
  }

  test('green-run --help documents it', async () => {
    const result = await run([GREEN_RUN, '--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: green-run \[--no-thread\] \[--no-time\] \[--patch=LIST\] script\.js \[args\.\.\.\]/);
    assert.match(result.stdout, /GREEN_DEBUG=1/);
  });

  test('green-run forwards arguments and the exit code, and sets GREEN_PATCH from its flags', async () => {
    const result = await run([GREEN_RUN, '--no-thread', '--no-time', 'args.cjs', 'a', '--no-time'], { GREEN_DEBUG: '1' });
    assert.equal(result.code, 7, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { args: ['a', '--no-time'], patch: 'all,-thread,-time' });
    assert.match(result.stderr, /GREEN_PATCH=all,-thread,-time -> thread: no, time: no/);
  });

  test('green-run ends with the signal that ended the script', async () => {
    const result = await run([GREEN_RUN, '--patch=none', 'killed.cjs']);
    assert.deepEqual([result.code, result.signal], [null, 'SIGTERM']);
  });

  test('green-run reports mistakes: bad patch list exits 1, usage errors exit 2', async () => {
    const bad = await run([GREEN_RUN, '--patch=nope', 'args.cjs']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Valid names: thread, time, all, none/);
    const missing = await run([GREEN_RUN, '--no-time']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /green-run: missing script\nTry 'green-run --help'/);
  });

  test('GREEN_PATCH=none: ESM and CommonJS apps get the native implementation', { skip: NATIVE_SKIP }, async () => {
    const expected = { threading: ['native', false], thread: ['native', false], time: ['native', false] };
    assert.deepEqual(output(await run(['--import', 'green-loader', 'probe.mjs'], NONE)), expected);
    assert.deepEqual(output(await run(['--import', 'green-loader', 'probe.cjs'], NONE)), expected);
  });

  test('default: ESM and CommonJS apps see threading, thread and time patched green', { skip: GREEN_SKIP }, async () => {
    const expected = { threading: ['green', true], thread: ['green', true], time: ['green', true] };
    assert.deepEqual(output(await run(['--import', 'green-loader', 'probe.mjs'])), expected);
    assert.deepEqual(output(await run(['--import', 'green-loader', 'probe.cjs'])), expected);
  });

  test('GREEN_PATCH=all,-time and green-run --no-thread patch only what they say', { skip: GREEN_SKIP }, async () => {
    assert.deepEqual(output(await run(['--import', 'green-loader', 'probe.mjs'], { GREEN_PATCH: 'all,-time' })),
      { threading: ['green', true], thread: ['green', true], time: ['native', false] });
    assert.deepEqual(output(await run([GREEN_RUN, '--no-thread', 'probe.cjs'])),
      { threading: ['native', false], thread: ['native', false], time: ['green', true] });
  });

  test("in a Worker of the app's own, current_thread() is a dummy thread with the worker's ident, not MainThread", { skip: GREEN_SKIP }, async () => {
    const { here, inside } = output(await run(['--import', 'green-loader', 'worker.mjs']));
    assert.deepEqual(here, { current: 'MainThread', ident: 1, main: 1 });
    assert.match(inside.name, /^Dummy-\d+$/);
    assert.equal(inside.ident, inside.threadId + 1);
    assert.equal(inside.getIdent, inside.ident);
    assert.equal(inside.mainIsMe, true);
  });

  test('the preload loads no shim until the app imports one; that one comes up patched', async () => {
    assert.deepEqual(output(await run(['--import', 'green-loader', 'lazy.mjs'])), { before: [], after: ['threading'], green: true });
    assert.deepEqual(output(await run(['--import', 'green-loader', 'lazy.mjs'], NONE)), { before: [], after: ['threading'], green: false });
  });

  // The modules a `node` that never imports a shim may load: the loader, the shim table, the facade registry, the
  // scope prologue of the load hook, and the runtime's settings, errors and builtin access.
  const STARTUP = /^(loader\/[\w-]+|shims\/registry|shims\/shared\/live-facades|runtime\/(builtin|errors|settings)|shims\/native\/(native-debug|scope-load-hook|scope-prologue|module-scope|top-level-names|worker-hooks-url))\.js$/;
  const loaded = (result: Result): string[] => [...result.stderr.matchAll(/^loaded (.*)$/gm)].map((m) => m[1]!);

  test('an app that imports no shim loads only the loader itself: no shim, no monkey, no green runtime, no worker_threads', { skip: !hasSafeRegisterHooks(NODE_VERSION) && 'needs registerHooks to see every load' }, async () => {
    const result = await run(['--import', './trace-loads.mjs', '--import', 'green-loader', 'no-shim.mjs']);
    assert.deepEqual(output(result), []);
    const modules = loaded(result);
    assert.ok(modules.includes('loader/preload.js'), result.stderr);
    assert.deepEqual(modules.filter((m) => !STARTUP.test(m)), []);
    // The build combines the preload's modules (build/bundle-preload.mjs): one file in all.
    assert.deepEqual(modules, ['loader/preload.js']);
  });

  test('a green thread loads no native shim module and neither worker_threads nor perf_hooks', { skip: (!hasSafeRegisterHooks(NODE_VERSION) && 'needs registerHooks to see every load') || GREEN_SKIP }, async () => {
    const result = await run(['--import', './trace-loads.mjs', '--import', 'green-loader', 'one-thread.mjs']);
    assert.deepEqual(output(result), []);
    const modules = loaded(result);
    assert.deepEqual(modules.filter((m) => m.startsWith('shims/native/') && !STARTUP.test(m)), []);
    // The build combines the green path (build/bundle-green.mjs) into one code file, which the facade runs itself:
    // neither the combined file's ES module nor its modules' stubs are loaded.
    assert.deepEqual(modules, ['loader/preload.js', 'shims/threading.js']);
  });

  test('a facade that came up patched loads its native originals only when asked: saved, getOriginal, unpatch', { skip: GREEN_SKIP }, async () => {
    assert.deepEqual(output(await run(['--import', 'green-loader', 'originals.mjs'])), {
      green: true, saved: true, original: true, patched: [true, false], unpatched: true,
    });
  });

  test('patchThread()/patchAll() patch synchronously and return true; a facade first imported later comes up patched', async () => {
    assert.deepEqual(output(await run(['sync-patch.mjs'])), {
      returned: true, threadGreenAtOnce: true, timeBefore: false, all: true, timeGreen: true, unpatched: true, timeNative: true,
    });
  });

  test('GREEN_DEBUG=1 prints each module as it is patched, on its first import', { skip: GREEN_SKIP }, async () => {
    const resolveOnly = await run(['--import', 'green-loader', 'resolve.cjs'], { GREEN_DEBUG: '1' });
    output(resolveOnly);
    assert.doesNotMatch(resolveOnly.stderr, /patched/, 'resolving a shim loads nothing, so patches nothing');
    const result = await run(['--import', 'green-loader', 'probe.mjs'], { GREEN_DEBUG: '1' });
    output(result);
    for (const name of ['threading', 'thread', 'time']) assert.match(result.stderr, new RegExp(`green-loader: patched ${name}: `));
  });
});
