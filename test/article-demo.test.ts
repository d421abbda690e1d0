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

const demo = fileURLToPath(new URL('../../examples/article-demo.mjs', import.meta.url));
const preload = new URL('../loader/preload.js', import.meta.url).href;

interface Ids {
  main: { ident: number; nativeId: number };
  threads: Map<string, Set<string>>; // thread number → distinct "ident nativeId" pairs
  lines: string[];
}

async function runDemo(patch: string): Promise<Ids> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', preload, demo], {
    env: { ...process.env, GREEN_PATCH: patch },
  });
  const lines = stdout.trim().split('\n');
  const [, ident, nativeId] = /^Main thread: (\d+) (\d+)$/.exec(lines[0]!)!;
  const threads = new Map<string, Set<string>>();
  for (const line of lines) {
    const m = /^I'm thread (\d): (\d+ \d+)$/.exec(line);
    if (m) threads.set(m[1]!, (threads.get(m[1]!) ?? new Set()).add(m[2]!));
  }
  return { main: { ident: Number(ident), nativeId: Number(nativeId) }, threads, lines };
}

function only(set: Set<string> | undefined): [number, number] {
  assert.equal(set?.size, 1, 'a thread keeps its ids');
  return [...set!][0]!.split(' ').map(Number) as [number, number];
}

test('natively, each thread runs on its own OS thread', async () => {
  const { main, threads, lines } = await runDemo('none');
  const [ident1, native1] = only(threads.get('1'));
  const [ident2, native2] = only(threads.get('2'));
  assert.equal(lines.filter((l) => l.startsWith("I'm thread")).length, 20);
  assert.notEqual(native1, native2);
  assert.ok(native1 !== main.nativeId && native2 !== main.nativeId);
  assert.notEqual(ident1, ident2);
  assert.deepEqual(lines.slice(-1), ['Main thread exit']);
  // start() resolves as the thread runs: thread 1 speaks before the main thread sleeps, once.
  assert.ok(lines.indexOf(`I'm thread 1: ${ident1} ${native1}`) < lines.indexOf('Main thread sleep'), lines.join('\n'));
  assert.equal(lines.filter((l) => l.startsWith('Main thread')).length, 3, 'the guarded main part runs once');
});

test('under the loader, every thread is a greenlet on the one OS thread', async () => {
  const { main, threads, lines } = await runDemo('all');
  const [ident1, native1] = only(threads.get('1'));
  const [ident2, native2] = only(threads.get('2'));
  assert.equal(lines.filter((l) => l.startsWith("I'm thread")).length, 20);
  assert.equal(native1, main.nativeId);
  assert.equal(native2, main.nativeId);
  assert.ok(new Set([ident1, ident2, main.ident]).size === 3, 'idents are distinct');
  assert.deepEqual(lines.slice(-2), ["I'm thread 2: " + `${ident2} ${native2}`, 'Main thread exit']);
});
