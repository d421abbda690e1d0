/**
 * End to end: V8's code cache of the preload and of the combined green path
 * (GREEN_CODE_CACHE). A first run writes it at exit, private to its user;
 * the next run takes it; a damaged one is rejected and rewritten; a
 * directory others may write to is neither read nor written; `0` turns it
 * off. Programs run the same from a cache: green and native threads whose
 * target lives in another module, from ES modules and from CommonJS, and the
 * runtime's index (the second combined file, which takes modules of the
 * first).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeApp, runInApp, succeeded } from './e2e-app.js';

const app = makeApp(
  {
    'work.mjs': "export const label = 'work';\nexport function work(n) { console.log(`${label} ${n}`); }\n",
    'main.mjs': [
      "import { Thread } from 'threading';",
      "import { work } from './work.mjs';",
      'const t = new Thread({ target: work, args: [1] });',
      'await t.start();',
      'await t.join();',
      "console.log('done');",
      '',
    ].join('\n'),
    'main.cjs': [
      "const { Thread } = require('threading');",
      'const t = new Thread({ target: (n) => console.log(`cjs ${n}`), args: [2] });',
      "t.start().then(() => t.join()).then(() => console.log('done'));",
      '',
    ].join('\n'),
    'runtime.mjs': "import { spawn } from 'green-loader/runtime';\nconst g = spawn(() => 6 * 7);\nawait g.join();\nconsole.log(g.value);\n",
    // Two facades run the green path themselves, and the monkey index imports it through its ES module: one run for all.
    'shared.mjs': [
      "import { Thread } from 'threading';",
      "import { sleep } from 'time';",
      "import { isModulePatched } from 'green-loader/monkey';",
      "import { getCurrent } from 'green-loader/runtime';",
      'let inside;',
      'const t = new Thread({ target: async () => { await sleep(0); inside = getCurrent(); } });',
      'await t.start();',
      'await t.join();',
      "console.log(isModulePatched('threading'), isModulePatched('time'), inside !== getCurrent());",
      '',
    ].join('\n'),
  },
  'green-code-cache-',
);

/** Run `main` under the loader with the cache in `dir` (or GREEN_CODE_CACHE=`dir` as given); its stdout lines and each combined file's cache state. */
async function run(main: string, dir: string, env: Record<string, string> = {}): Promise<{ lines: string[]; states: Record<string, string> }> {
  const ran = await runInApp(app, ['--import', 'green-loader', main], { GREEN_CODE_CACHE: dir, GREEN_DEBUG: '1', ...env });
  const lines = succeeded(ran);
  const states: Record<string, string> = {};
  for (const m of ran.stderr.matchAll(/code cache of (\S+): (\w+)/g)) states[m[1]!] ??= m[2]!; // the main thread's line comes first
  return { lines, states };
}

/** As run(), with node's options `options` before the loader's `--import`. */
async function runWith(options: string[], main: string, dir: string, env: Record<string, string> = {}): Promise<Record<string, string>> {
  const ran = await runInApp(app, [...options, '--import', 'green-loader', main], { GREEN_CODE_CACHE: dir, GREEN_DEBUG: '1', ...env });
  assert.deepEqual(succeeded(ran), ['work 1', 'done']);
  const states: Record<string, string> = {};
  for (const m of ran.stderr.matchAll(/code cache of (\S+): (\w+)/g)) states[m[1]!] ??= m[2]!;
  return states;
}

/** The cache files in `dir`. */
const cached = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

test('a first run writes the cache at exit, private to its user; the next run takes it', async () => {
  const dir = join(app, 'cache-a');
  const first = await run('main.mjs', dir);
  assert.deepEqual(first.lines, ['work 1', 'done']);
  assert.equal(first.states['green-path.code.js'], 'miss');
  assert.equal(first.states['preload-main.code.js'], 'miss');
  const files = cached(dir);
  assert.equal(files.length, 2, files.join());
  assert.match(files[0]!, /^green-path-[0-9a-f]{16}-[\w.-]+-[0-9a-f]{8}\.bin$/);
  assert.match(files[1]!, /^preload-main-[0-9a-f]{16}-[\w.-]+-[0-9a-f]{8}\.bin$/);
  if (process.getuid) {
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    for (const file of files) assert.equal(statSync(join(dir, file)).mode & 0o777, 0o600);
  }
  const second = await run('main.mjs', dir);
  assert.deepEqual(second.lines, ['work 1', 'done']);
  assert.deepEqual(second.states, { 'preload-main.code.js': 'hit', 'green-path.code.js': 'hit' });
  assert.deepEqual(cached(dir), files, 'a hit writes nothing');
  // Native threads, CommonJS: the same cache, the same output.
  assert.deepEqual((await run('main.mjs', dir, { GREEN_PATCH: 'none' })).lines, ['work 1', 'done']);
  assert.deepEqual(cached(dir), files, "a native thread's worker runs under its creator's options: the same files");
  const cjs = await run('main.cjs', dir);
  assert.deepEqual(cjs.lines, ['cjs 2', 'done']);
  assert.equal(cjs.states['green-path.code.js'], 'hit');
});

test('the second combined file is cached too, and runs from its cache', async () => {
  const dir = join(app, 'cache-b');
  assert.deepEqual((await run('runtime.mjs', dir)).states, { 'preload-main.code.js': 'miss', 'green-path.code.js': 'miss', 'green-more.code.js': 'miss' });
  const again = await run('runtime.mjs', dir);
  assert.deepEqual(again.lines, ['42']);
  assert.deepEqual(again.states, { 'preload-main.code.js': 'hit', 'green-path.code.js': 'hit', 'green-more.code.js': 'hit' });
  assert.equal(cached(dir).length, 3);
});

test('each set of node options keeps a cache of its own, so two sets taking turns both hit', async () => {
  const dir = join(app, 'cache-e');
  const misses = { 'preload-main.code.js': 'miss', 'green-path.code.js': 'miss' };
  const hits = { 'preload-main.code.js': 'hit', 'green-path.code.js': 'hit' };
  const flag = ['--max-old-space-size=200']; // a V8 flag: V8 rejects a cache made without it
  assert.deepEqual(await runWith([], 'main.mjs', dir), misses);
  assert.deepEqual(await runWith(flag, 'main.mjs', dir), misses, 'not "rejected": the other set has a file of its own');
  assert.equal(cached(dir).length, 4);
  assert.deepEqual(await runWith([], 'main.mjs', dir), hits);
  assert.deepEqual(await runWith(flag, 'main.mjs', dir), hits);
  // NODE_OPTIONS counts as options too.
  assert.deepEqual(await runWith([], 'main.mjs', dir, { NODE_OPTIONS: '--max-old-space-size=200' }), misses);
  assert.deepEqual(await runWith([], 'main.mjs', dir, { NODE_OPTIONS: '--max-old-space-size=200' }), hits);
  assert.equal(cached(dir).length, 6);
});

test('a damaged cache is rejected, the program runs, and the cache is rewritten', async () => {
  const dir = join(app, 'cache-c');
  await run('main.mjs', dir);
  const files = cached(dir);
  for (const file of files) writeFileSync(join(dir, file), 'not a code cache');
  const damaged = await run('main.mjs', dir);
  assert.deepEqual(damaged.lines, ['work 1', 'done']);
  assert.deepEqual(damaged.states, { 'preload-main.code.js': 'rejected', 'green-path.code.js': 'rejected' });
  for (const file of files) assert.notEqual(readFileSync(join(dir, file), 'utf8'), 'not a code cache');
  assert.deepEqual((await run('main.mjs', dir)).states, { 'preload-main.code.js': 'hit', 'green-path.code.js': 'hit' });
  assert.deepEqual(cached(dir), files, 'no temporary file is left');
});

test("a write removes its code file's stale caches of other builds and left-over temporary files, and keeps the rest", async () => {
  const dir = join(app, 'cache-f');
  await run('main.mjs', dir);
  const ours = cached(dir).find((file) => file.startsWith('green-path-'))!;
  const build = ours.slice(0, -'0123abcd.bin'.length); // green-path-HASH-V8-ARCH-
  const hours = (h: number): Date => new Date(Date.now() - h * 3_600_000);
  const planted: Record<string, Date> = {
    'green-path-0000000000000000-1.0-x64-00000000.bin': hours(2), // an older build, unused for two hours: removed
    'green-path-1111111111111111-1.0-x64-00000000.bin': hours(0), // an older build used a moment ago (another install): kept
    [`${build}0badcafe.bin`]: hours(48), // this build under other options: kept however old
    [`${build}0badcafe.bin.4242-x1y2`]: hours(2), // a killed write's temporary file: removed
    [`${build}0badcafe.bin.4343-z3`]: hours(0), // a write in progress: kept
    'green-more-0000000000000000-1.0-x64-00000000.bin': hours(2), // another code file's, pruned only by its own writes: kept
    'notes.txt': hours(2), // not a cache: kept
  };
  for (const [name, when] of Object.entries(planted)) {
    writeFileSync(join(dir, name), 'x');
    utimesSync(join(dir, name), when, when);
  }
  rmSync(join(dir, ours)); // so that the next run misses, and writes
  const next = await run('main.mjs', dir);
  assert.deepEqual(next.states, { 'preload-main.code.js': 'hit', 'green-path.code.js': 'miss' });
  const removed = ['green-path-0000000000000000-1.0-x64-00000000.bin', `${build}0badcafe.bin.4242-x1y2`];
  const expected = [...Object.keys(planted).filter((name) => !removed.includes(name)), ours, cached(dir).find((file) => file.startsWith('preload-main-'))!];
  assert.deepEqual(cached(dir), expected.sort());
  // A hit writes nothing, so it removes nothing.
  utimesSync(join(dir, 'green-path-1111111111111111-1.0-x64-00000000.bin'), hours(2), hours(2));
  assert.deepEqual((await run('main.mjs', dir)).states, { 'preload-main.code.js': 'hit', 'green-path.code.js': 'hit' });
  assert.deepEqual(cached(dir), expected.sort());
});

test('a directory that others may write to is neither read nor written', { skip: !process.getuid && 'POSIX permissions' }, async () => {
  const good = join(app, 'cache-d');
  await run('main.mjs', good);
  const [file] = cached(good);
  const open = join(app, 'cache-open');
  mkdirSync(open);
  chmodSync(open, 0o777);
  copyFileSync(join(good, file!), join(open, file!));
  const before = statSync(join(open, file!)).mtimeMs;
  const ran = await run('main.mjs', open);
  assert.deepEqual(ran.lines, ['work 1', 'done']);
  assert.deepEqual(ran.states, { 'preload-main.code.js': 'miss', 'green-path.code.js': 'miss' }, 'a cache there is not read');
  assert.deepEqual(cached(open), [file], 'nor is one written');
  assert.equal(statSync(join(open, file!)).mtimeMs, before);
});

test('GREEN_CODE_CACHE=0 turns the cache off; a relative directory is refused', async () => {
  const off = await runInApp(app, ['--import', 'green-loader', 'main.mjs'], { GREEN_CODE_CACHE: '0', GREEN_DEBUG: '1' });
  assert.deepEqual(succeeded(off), ['work 1', 'done']);
  assert.match(off.stderr, /code cache of preload-main\.code\.js: off\n/);
  assert.match(off.stderr, /code cache of green-path\.code\.js: off\n/);
  const bad = await runInApp(app, ['--import', 'green-loader', 'main.mjs'], { GREEN_CODE_CACHE: 'cache' });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /GREEN_CODE_CACHE: unknown value "cache"\. Valid values: an absolute directory/);
  assert.equal(existsSync(join(app, 'cache')), false);
});

test('the facades and the combined file\'s ES module share one run of the green path: one cache line, one saved-originals table, one hub', async () => {
  const dir = join(app, 'cache-shared');
  for (const expected of ['miss', 'hit']) {
    const ran = await runInApp(app, ['--import', 'green-loader', 'shared.mjs'], { GREEN_CODE_CACHE: dir, GREEN_DEBUG: '1' });
    assert.deepEqual(succeeded(ran), ['true true true']);
    assert.deepEqual([...ran.stderr.matchAll(/code cache of green-path\.code\.js: (\w+)/g)].map((m) => m[1]), [expected], ran.stderr);
  }
});
