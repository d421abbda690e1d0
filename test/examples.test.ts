/**
 * The runnable examples keep running: each is spawned as a user would run it.
 * (The article demo has its own file.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

test('pool-fetch: every page comes back once, the slow one cut off by its Timeout, which aborts its request', async () => {
  const example = fileURLToPath(new URL('../../examples/pool-fetch.mjs', import.meta.url));
  // The server never answers /slow: only the Timeout can end that fetch, however loaded the machine.
  const { stdout } = await promisify(execFile)(process.execPath, [example], { timeout: 60_000 });
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 9);
  assert.ok(lines.some((l) => l.startsWith('/slow -> (timed out)')), stdout);
  assert.equal(lines.at(-1), '/slow on the server: aborted by the client', "the greenlet's signal aborted the request");
  for (const page of ['/1', '/2', '/3', '/4', '/5', '/6', '/8']) {
    assert.ok(lines.some((l) => l.startsWith(`${page} -> page ${page} [Greenlet-`)), `${page} in ${stdout}`);
  }
});
