/**
 * What the seed demo (examples/article-demo.mjs) prints, read back and
 * checked: on real threads (GREEN_PATCH=none) every thread has its own OS
 * thread id; under the loader every thread is a greenlet on the main OS
 * thread, with distinct idents. Used by test/article-demo.test.ts and by
 * .ci/check-demo.mjs (the demo run from an installed package). No tests here.
 */
import assert from 'node:assert/strict';

/**
 * The ids in one run of the demo.
 *
 * @example
 * const { main, threads }: DemoIds = parseDemo(stdout);
 */
export interface DemoIds {
  main: { ident: number; nativeId: number };
  threads: Map<string, Set<string>>; // thread number → distinct "ident nativeId" pairs
  lines: string[];
}

/**
 * Read the demo's stdout.
 *
 * @example
 * parseDemo("Main thread: 1 100\nI'm thread 1: 2 101\n").threads.get('1'); // Set { '2 101' }
 */
export function parseDemo(stdout: string): DemoIds {
  const lines = stdout.trim().split('\n');
  const main = /^Main thread: (\d+) (\d+)$/.exec(lines[0] ?? '');
  assert.ok(main, `the demo starts with the main thread's ids, got: ${JSON.stringify(lines[0])}`);
  const threads = new Map<string, Set<string>>();
  for (const line of lines) {
    const m = /^I'm thread (\d): (\d+ \d+)$/.exec(line);
    if (m) threads.set(m[1]!, (threads.get(m[1]!) ?? new Set()).add(m[2]!));
  }
  return { main: { ident: Number(main[1]), nativeId: Number(main[2]) }, threads, lines };
}

function only(set: Set<string> | undefined): [number, number] {
  assert.equal(set?.size, 1, 'a thread keeps its ids');
  return [...set!][0]!.split(' ').map(Number) as [number, number];
}

/**
 * Assert the demo ran on real threads: three OS thread ids, twenty thread lines.
 *
 * @example
 * assertNativeDemo(stdout);
 */
export function assertNativeDemo(stdout: string): void {
  const { main, threads, lines } = parseDemo(stdout);
  const [ident1, native1] = only(threads.get('1'));
  const [ident2, native2] = only(threads.get('2'));
  assert.equal(lines.filter((l) => l.startsWith("I'm thread")).length, 20);
  assert.notEqual(native1, native2);
  assert.ok(native1 !== main.nativeId && native2 !== main.nativeId, 'the threads are not on the main OS thread');
  assert.notEqual(ident1, ident2);
  assert.deepEqual(lines.slice(-1), ['Main thread exit']);
  // start() resolves as the thread runs: thread 1 speaks before the main thread sleeps.
  assert.ok(lines.indexOf(`I'm thread 1: ${ident1} ${native1}`) < lines.indexOf('Main thread sleep'), lines.join('\n'));
  assert.equal(lines.filter((l) => l.startsWith('Main thread')).length, 3, 'the guarded main part runs once');
}

/**
 * Assert the demo ran on greenlets: one OS thread id, three distinct idents.
 *
 * @example
 * assertGreenDemo(stdout);
 */
export function assertGreenDemo(stdout: string): void {
  const { main, threads, lines } = parseDemo(stdout);
  const [ident1, native1] = only(threads.get('1'));
  const [ident2, native2] = only(threads.get('2'));
  assert.equal(lines.filter((l) => l.startsWith("I'm thread")).length, 20);
  assert.equal(native1, main.nativeId);
  assert.equal(native2, main.nativeId);
  assert.ok(new Set([ident1, ident2, main.ident]).size === 3, 'idents are distinct');
  assert.deepEqual(lines.slice(-2), ["I'm thread 2: " + `${ident2} ${native2}`, 'Main thread exit']);
}

/**
 * Check the demo's output with threads green and `time` native
 * (GREEN_PATCH=thread), the article's second output: `time.sleep` blocks the
 * one OS thread, so no thread yields; `start()` returns once its thread ended,
 * and thread 1's ten lines come before thread 2's, then the main thread's.
 *
 * @example
 * assertThreadOnlyDemo(stdout);
 */
export function assertThreadOnlyDemo(stdout: string): void {
  const { main, threads, lines } = parseDemo(stdout);
  const [ident1, native1] = only(threads.get('1'));
  const [ident2, native2] = only(threads.get('2'));
  assert.equal(native1, main.nativeId);
  assert.equal(native2, main.nativeId);
  assert.deepEqual(lines.slice(1), [
    ...Array(10).fill(`I'm thread 1: ${ident1} ${native1}`),
    ...Array(10).fill(`I'm thread 2: ${ident2} ${native2}`),
    'Main thread sleep',
    'Main thread exit',
  ]);
}
