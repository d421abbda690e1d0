/**
 * The seed article's demo, end to end: the same file on real threads
 * (GREEN_PATCH=none) and on greenlets (the default), told apart only by the
 * thread ids it prints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assertGreenDemo, assertNativeDemo, assertThreadOnlyDemo, parseDemo } from './demo-output.js';

const demo = fileURLToPath(new URL('../../examples/article-demo.mjs', import.meta.url));
const preload = new URL('../loader/preload.js', import.meta.url).href;

async function runDemo(patch: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', preload, demo], {
    env: { ...process.env, GREEN_PATCH: patch },
  });
  return stdout;
}

test('natively, each thread runs on its own OS thread', async () => {
  const stdout = await runDemo('none');
  assertNativeDemo(stdout);
  assert.throws(() => assertGreenDemo(stdout), assert.AssertionError);
});

test('under the loader, every thread is a greenlet on the one OS thread', async () => {
  const stdout = await runDemo('all');
  assertGreenDemo(stdout);
  assert.throws(() => assertNativeDemo(stdout), assert.AssertionError);
});

test('output that is not the demo is refused', () => {
  assert.throws(() => parseDemo('Cannot find module threading\n'), /starts with the main thread's ids/);
  assert.throws(() => assertGreenDemo("Main thread: 1 100\nI'm thread 1: 2 100\nMain thread exit\n"), /keeps its ids/);
});

test("GREEN_PATCH=thread (threads green, time native) gives the article's second output, in order", async () => {
  assertThreadOnlyDemo(await runDemo('thread'));
});
