/**
 * runtime/cached-script: a code file whose first line carries no well-formed
 * hash is never cached (a cache named after no hash could be a stale one),
 * the process's one shared runner, and the states' GREEN_DEBUG line. Caches that are written and read are
 * tested end to end in code-cache.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeRun, runCached, sharedRunCached } from '../runtime/cached-script.js';

const load = (id: string): unknown => process.getBuiltinModule(id);

test('a code file without a well-formed hash on its first line runs uncached', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'green-cached-script-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cacheDir = join(dir, 'cache');
  const body = '(function () { return 42; })\n';
  const files = {
    'no header': body,
    'a comment without a hash': `// no hash here\n${body}`,
    '15 hex digits': `// x (sha256 0123456789abcde): a digit short\n${body}`,
    "upper case, not the build's hex": `// x (sha256 0123456789ABCDEF): upper case\n${body}`,
    'not hex': `// x (sha256 0123456789abcdeg): not hex\n${body}`,
    'the hash on the second line': `var x;\n// (sha256 0123456789abcdef)\n${body}`,
  };
  for (const [i, [what, text]] of Object.entries(files).entries()) {
    const code = join(dir, `c${i}.code.js`);
    writeFileSync(code, text);
    const run = runCached(pathToFileURL(code), cacheDir, load);
    assert.equal(run.state, 'off', what);
    assert.equal(run.file, undefined, what);
    assert.equal((run.value as () => number)(), 42, what);
  }
  assert.equal(existsSync(cacheDir), false, 'nothing is written for them');
});

test('describeRun names the file, the state and the cache file when there is one', () => {
  assert.equal(describeRun('a.code.js', { value: undefined, state: 'off', file: undefined }), 'code cache of a.code.js: off');
  assert.equal(describeRun('a.code.js', { value: undefined, state: 'hit', file: '/c/a.bin' }), 'code cache of a.code.js: hit (/c/a.bin)');
});

test("the process's first copy of runCached is the one every copy shares", (t) => {
  const key = Symbol.for('green-loader.run-cached');
  const g = globalThis as { [key: symbol]: unknown };
  const before = g[key];
  t.after(() => {
    g[key] = before;
  });
  delete g[key];
  assert.equal(sharedRunCached(), runCached, 'none ran yet: this copy becomes the shared one');
  assert.equal(g[key], runCached);
  const earlier = (() => ({ value: undefined, state: 'off', file: undefined })) as typeof runCached;
  g[key] = earlier;
  assert.equal(sharedRunCached(), earlier, 'a copy that ran earlier (the preload\'s) is kept');
});
