/**
 * Sites: the frame a report shows is the user's, never the package's or
 * Node's, and a greenlet body's frame reads as the function the user wrote.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureSite, userFrame } from '../runtime/site.js';

const runtime = new URL('../runtime/', import.meta.url).href;
const shims = new URL('../shims/green/', import.meta.url).href;

test('userFrame skips package, Node-internal and location-less frames', () => {
  const stack = [
    'Error',
    `    at park (${runtime}waiter.js:1:2)`,
    `    at Lock.acquire (${shims}lock.js:3:4)`,
    '    at new Promise (<anonymous>)',
    '    at async Promise.all (index 0)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async transfer (file:///app/bank.mjs:10:15)',
  ].join('\n');
  assert.equal(userFrame({ stack }), 'transfer (file:///app/bank.mjs:10:15)');
  assert.equal(userFrame({ stack: `Error\n    at park (${runtime}waiter.js:1:2)` }), null);
  assert.equal(userFrame(null), null);
  assert.equal(userFrame({}), null);
});

test("a greenlet body's frame reads as the user's function, or as its location when anonymous", () => {
  assert.equal(userFrame({ stack: 'E\n    at Greenlet.worker [as fn] (file:///app.mjs:5:61)' }), 'worker (file:///app.mjs:5:61)');
  assert.equal(userFrame({ stack: 'E\n    at Greenlet.fn (file:///app.mjs:7:3)' }), 'file:///app.mjs:7:3');
  assert.equal(userFrame({ stack: 'E\n    at file:///app.mjs:9:1' }), 'file:///app.mjs:9:1');
});

test('captureSite omits the given function and what it called', () => {
  function helper() {
    return captureSite(helper);
  }
  const site = helper();
  assert.match(userFrame(site) ?? '', /site\.test\.js:\d+:\d+/);
  assert.ok(!(site.stack ?? '').includes('at helper'), site.stack);
});
