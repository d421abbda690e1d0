/**
 * runtime/this-thread.ts: isMainThread() and threadId() agree with
 * node:worker_threads in the main thread and in a Worker, and the main
 * thread can tell without loading node:worker_threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import * as workerThreads from 'node:worker_threads';
import { isMainThread, threadId } from '../runtime/this-thread.js';
import { runNode } from './helpers.js';

const MODULE = new URL('../runtime/this-thread.js', import.meta.url).href;

test('in the main thread: true and 0, as node:worker_threads says', () => {
  assert.equal(isMainThread(), workerThreads.isMainThread);
  assert.equal(threadId(), workerThreads.threadId);
});

test("in a Worker: false and the worker's threadId", async () => {
  const source = `import('${MODULE}').then((m) => require('node:worker_threads').parentPort.postMessage([m.isMainThread(), m.threadId(), require('node:worker_threads').threadId]))`;
  const worker = new Worker(source, { eval: true });
  const [main, id, expected] = await new Promise<[boolean, number, number]>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  await worker.terminate();
  assert.equal(main, false);
  assert.equal(id, expected);
  assert.ok(id > 0);
});

test('the main thread answers without loading node:worker_threads', async () => {
  const probe = `import('${MODULE}').then((m) => console.log(JSON.stringify([m.isMainThread(), m.threadId(), process.moduleLoadList.includes('NativeModule worker_threads')])))`;
  const result = await runNode(process.execPath, ['-e', probe]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [true, 0, false]);
});
