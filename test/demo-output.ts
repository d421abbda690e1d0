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
 * What both flavours print whatever the timing: twenty thread lines (the
 * process waits for its non-daemon threads), the guarded main part once and
 * in its own order, and some thread line after "Main thread sleep" (the
 * threads keep running while the main thread sleeps its two seconds; they
 * have nine more lines a tenth of a second apart to print). Where the
 * threads' last lines fall against "Main thread exit" depends on the
 * machine's load, so it is not checked.
 */
function assertRunsAlongside(lines: string[]): void {
  assert.equal(lines.filter((l) => l.startsWith("I'm thread")).length, 20);
  assert.deepEqual(
    lines.filter((l) => l.startsWith('Main thread')).map((l) => l.split(':')[0]),
    ['Main thread', 'Main thread sleep', 'Main thread exit'],
    'the guarded main part runs once, in order',
  );
  const sleep = lines.indexOf('Main thread sleep');
  assert.ok(lines.slice(sleep).some((l) => l.startsWith("I'm thread")), `threads print while the main thread sleeps:\n${lines.join('\n')}`);
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
  assert.notEqual(native1, native2);
  assert.ok(native1 !== main.nativeId && native2 !== main.nativeId, 'the threads are not on the main OS thread');
  assert.notEqual(ident1, ident2);
  assertRunsAlongside(lines);
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
  assert.equal(native1, main.nativeId);
  assert.equal(native2, main.nativeId);
  assert.ok(new Set([ident1, ident2, main.ident]).size === 3, 'idents are distinct');
  assertRunsAlongside(lines);
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
