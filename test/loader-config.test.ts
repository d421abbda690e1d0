/**
 * Unit tests of the loader's pure parts: GREEN_PATCH / GREEN_DEBUG parsing
 * (every error path), green-run's argument parsing, and which Node versions
 * get module.registerHooks().
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCodeCacheDir } from '../loader/code-cache-config.js';
import { ConfigError, parseCodeCache, parseDebug, parsePatchList, readConfig } from '../loader/config.js';
import { parseGreenRunArgs, UsageError } from '../loader/green-run-args.js';
import { hasSafeRegisterHooks } from '../loader/sync-hooks-support.js';

const both = { thread: true, time: true };
const neither = { thread: false, time: false };

test('GREEN_PATCH: default, names, removals, left to right', () => {
  assert.deepEqual(parsePatchList(undefined), both);
  assert.deepEqual(parsePatchList(''), both);
  assert.deepEqual(parsePatchList(' , '), both);
  assert.deepEqual(parsePatchList('all'), both);
  assert.deepEqual(parsePatchList('none'), neither);
  assert.deepEqual(parsePatchList('thread'), { thread: true, time: false });
  assert.deepEqual(parsePatchList(' time ,'), { thread: false, time: true });
  assert.deepEqual(parsePatchList('thread,time'), both);
  assert.deepEqual(parsePatchList('all,-time'), { thread: true, time: false });
  assert.deepEqual(parsePatchList('-thread'), { thread: false, time: true });
  assert.deepEqual(parsePatchList('-all'), neither);
  assert.deepEqual(parsePatchList('-all,time'), { thread: false, time: true });
  assert.deepEqual(parsePatchList('none,thread'), { thread: true, time: false });
  assert.deepEqual(parsePatchList('thread,none'), neither);
});

test('GREEN_PATCH: an unknown name is a ConfigError listing the valid names', () => {
  for (const bad of ['bogus', 'thread,bogus', '-none', '--time', 'Thread', 'all,-', 'threads']) {
    assert.throws(() => parsePatchList(bad), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.code, 'ERR_GREEN_CONFIG');
      assert.equal(error.name, 'ConfigError');
      assert.match(error.message, /^GREEN_PATCH: unknown name/);
      assert.match(error.message, /Valid names: thread, time, all, none/);
      return true;
    }, bad);
  }
});

test('GREEN_PATCH: a long bad value is quoted short, once', () => {
  const long = 'x'.repeat(10_000);
  assert.throws(() => parsePatchList(long), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.ok(error.message.length < 500, `message of ${error.message.length} characters`);
    assert.match(error.message, /\(10000 characters\)/);
    return true;
  });
});

test('GREEN_DEBUG: on, off, and anything else is an error', () => {
  for (const on of ['1', 'true', ' 1', 'true\n']) assert.equal(parseDebug(on), true);
  for (const off of [undefined, '', '0', 'false', ' 0 ']) assert.equal(parseDebug(off), false);
  assert.throws(() => parseDebug('yes please'), { name: 'ConfigError', message: /GREEN_DEBUG: unknown value "yes please"\. Valid values: 1, true, 0, false/ });
});

test('readConfig reads both variables from the given environment', () => {
  const off = { runInfoSignal: null, monitor: null, nativePool: { size: 16, idleMs: 5000 }, codeCache: defaultCodeCacheDir({}) };
  assert.deepEqual(readConfig({}), { patch: both, debug: false, spawnSites: false, ...off });
  assert.deepEqual(readConfig({ GREEN_PATCH: 'none', GREEN_DEBUG: '1', GREEN_SPAWN_SITES: 'true' }), { patch: neither, debug: true, spawnSites: true, ...off });
  assert.deepEqual(readConfig({ GREEN_RUN_INFO: '1', GREEN_MONITOR: '0.25' }), { ...off, patch: both, debug: false, spawnSites: false, runInfoSignal: 'SIGUSR2', monitor: 0.25 });
  assert.equal(readConfig({ GREEN_RUN_INFO: 'SIGWINCH' }).runInfoSignal, 'SIGWINCH');
  assert.equal(readConfig({ GREEN_RUN_INFO: ' 0 ', GREEN_MONITOR: '0' }).monitor, null);
  assert.throws(() => readConfig({ GREEN_RUN_INFO: 'loud' }), { name: 'ConfigError', message: /^GREEN_RUN_INFO: unknown value "loud"/ });
  for (const bad of ['-1', 'fast', 'NaN', 'Infinity']) {
    assert.throws(() => readConfig({ GREEN_MONITOR: bad }), { name: 'ConfigError', message: /^GREEN_MONITOR: unknown value/ }, bad);
  }
  assert.throws(() => readConfig({ GREEN_SPAWN_SITES: 'on' }), { name: 'ConfigError', message: /^GREEN_SPAWN_SITES: unknown value "on"/ });
  assert.throws(() => readConfig({ GREEN_PATCH: 'nope' }), ConfigError);
});

test('GREEN_CODE_CACHE: the default directory, off under coverage unless asked for, off, or an absolute directory', () => {
  const uid = process.getuid?.();
  const name = uid === undefined ? 'green-loader-cache' : `green-loader-cache-${uid}`;
  if (process.platform !== 'win32') {
    assert.equal(defaultCodeCacheDir({}), `/tmp/${name}`);
    assert.equal(defaultCodeCacheDir({ TMPDIR: '/var/tmp//' }), `/var/tmp/${name}`);
    assert.equal(defaultCodeCacheDir({ TMP: '/t' }), `/t/${name}`);
    assert.equal(defaultCodeCacheDir({ TMPDIR: '/' }), `/${name}`);
  }
  const env = { TMPDIR: '/x' };
  assert.equal(parseCodeCache(env), defaultCodeCacheDir(env));
  assert.equal(parseCodeCache({ ...env, GREEN_CODE_CACHE: ' ' }), defaultCodeCacheDir(env));
  assert.equal(parseCodeCache({ ...env, NODE_V8_COVERAGE: '/cov' }), null);
  assert.equal(parseCodeCache({ ...env, NODE_V8_COVERAGE: '' }), defaultCodeCacheDir(env));
  for (const on of ['1', 'true']) assert.equal(parseCodeCache({ ...env, NODE_V8_COVERAGE: '/cov', GREEN_CODE_CACHE: on }), defaultCodeCacheDir(env));
  for (const off of ['0', 'false']) assert.equal(parseCodeCache({ GREEN_CODE_CACHE: off }), null);
  assert.equal(parseCodeCache({ GREEN_CODE_CACHE: ' /var/cache/app ', NODE_V8_COVERAGE: '/cov' }), '/var/cache/app');
  for (const bad of ['cache', './cache', 'on']) {
    assert.throws(() => readConfig({ GREEN_CODE_CACHE: bad }), { name: 'ConfigError', message: new RegExp(`^GREEN_CODE_CACHE: unknown value "${bad.replace('.', '\\.')}"`) }, bad);
  }
});

/** The GREEN_PATCH value green-run would pass for these arguments. */
function patchFor(argv: string[], envPatch: string | undefined): string {
  const request = parseGreenRunArgs(argv, envPatch);
  assert.ok(request.kind === 'run');
  return request.patch;
}

test('green-run arguments: options before the script, the rest is the script\'s', () => {
  assert.deepEqual(parseGreenRunArgs(['app.js'], undefined), { kind: 'run', patch: 'all', script: 'app.js', args: [] });
  assert.deepEqual(parseGreenRunArgs(['--no-time', 'app.js', '--no-thread', 'x'], undefined),
    { kind: 'run', patch: 'all,-time', script: 'app.js', args: ['--no-thread', 'x'] });
  assert.equal(patchFor(['--no-thread', '--no-time', 'a.js'], 'thread'), 'thread,-thread,-time');
  assert.equal(patchFor(['--patch=none', 'a.js'], 'all'), 'none');
  assert.equal(patchFor(['--no-time', 'a.js'], ''), '-time');
  assert.deepEqual(parseGreenRunArgs(['--', '-weird.js', '-v'], undefined), { kind: 'run', patch: 'all', script: '-weird.js', args: ['-v'] });
  assert.deepEqual(parseGreenRunArgs(['--no-time', '--help', 'a.js'], undefined), { kind: 'help' });
  assert.deepEqual(parseGreenRunArgs(['-h'], undefined), { kind: 'help' });
});

test('green-run arguments: every mistake is reported', () => {
  assert.throws(() => parseGreenRunArgs([], undefined), (e: unknown) => e instanceof UsageError && e.message === 'missing script' && e.code === 'ERR_GREEN_USAGE');
  assert.throws(() => parseGreenRunArgs(['--no-time'], undefined), { name: 'UsageError', message: 'missing script' });
  assert.throws(() => parseGreenRunArgs(['--'], undefined), { name: 'UsageError', message: 'missing script' });
  assert.throws(() => parseGreenRunArgs(['--fast', 'a.js'], undefined), { name: 'UsageError', message: 'unknown option --fast' });
  assert.throws(() => parseGreenRunArgs(['--patch=bogus', 'a.js'], undefined), ConfigError);
  assert.throws(() => parseGreenRunArgs(['a.js'], 'bogus'), ConfigError);
});

test('registerHooks is used from 22.22.3, 24.11.1, 25.1 and 26 on', () => {
  const yes = ['22.22.3', '22.23.0', '22.30.1', '24.11.1', '24.12.0', '25.1.0', '25.2.3', '26.0.0', '27.1.0'];
  const no = ['20.20.2', '21.9.0', '22.22.2', '22.12.0', '23.11.0', '24.11.0', '24.2.9', '25.0.9', '18.0.0'];
  for (const v of yes) assert.equal(hasSafeRegisterHooks(v), true, v);
  for (const v of no) assert.equal(hasSafeRegisterHooks(v), false, v);
});
