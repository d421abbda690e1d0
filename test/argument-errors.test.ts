/**
 * One rule for bad arguments, at every public entry that returns a Promise
 * or an async iterable: the TypeError or RangeError is thrown at the call,
 * synchronously, before any Promise exists (never a rejection found later,
 * never an error that waits for the first iteration).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as runtime from '../runtime/index.js';
import * as green from '../shims/green/threading.js';
import * as native from '../shims/native/threading.js';

const { AsyncResult, Event, getHub, Greenlet, Group, iwait, joinAll, killAll, Pool, PriorityQueue, Queue, RLock, Semaphore, sleep, spawn, wait, waitFor, withTimeout } = runtime;

const bad = -1;
const notFn = 42 as never;
const badError = 'stop' as never;

test('every public entry throws its argument errors synchronously', async () => {
  const g = spawn(() => sleep(1000));
  const pool = new Pool(2);
  const group = new Group();
  const sem = new Semaphore(1);
  const calls: Record<string, () => unknown> = {
    'Greenlet.get': () => g.get({ timeout: bad }),
    'Greenlet.join': () => g.join(bad),
    'Greenlet.kill (exception)': () => g.kill(badError),
    'Greenlet.kill (options)': () => g.kill(undefined, { timeout: bad }),
    'AsyncResult.get': () => new AsyncResult().get({ block: 'no' as never }),
    'AsyncResult.wait': () => new AsyncResult().wait(bad),
    'Event.wait': () => new Event().wait(bad),
    'hub.join': () => getHub().join(bad),
    sleep: () => sleep(null as never),
    waitFor: () => waitFor(42 as never),
    withTimeout: () => withTimeout(1, notFn),
    'Semaphore.acquire': () => sem.acquire(false, 1),
    'Semaphore.wait': () => sem.wait(bad),
    'Semaphore.withLock': () => sem.withLock(notFn),
    'Semaphore.guard': () => sem.guard(bad),
    'RLock.withLock': () => new RLock().withLock(notFn),
    'Queue.get': () => new Queue().get({ timeout: bad }),
    'Queue.put': () => new Queue().put(1, { timeout: bad }),
    'PriorityQueue.put (NaN)': () => new PriorityQueue().put(NaN),
    wait: () => wait([new Event()], { count: bad }),
    iwait: () => iwait(42 as never),
    joinAll: () => joinAll(42 as never),
    killAll: () => killAll([], { exception: badError }),
    'Group.spawn': () => group.spawn(notFn),
    'Group.add': () => group.add(null as never),
    'Group.join': () => group.join({ timeout: bad }),
    'Group.kill': () => group.kill({ exception: badError }),
    'Group.killone': () => group.killone({} as never),
    'Group.map': () => group.map((x) => x, 42 as never),
    'Group.imap': () => group.imap((x) => x, [], { maxsize: 0 }),
    'Group.imapUnordered': () => group.imapUnordered(notFn, []),
    'Group.apply': () => group.apply(notFn),
    'Group.applyAsync': () => group.applyAsync(() => 1, [], 5 as never),
    'Pool.waitAvailable': () => pool.waitAvailable(bad),
    'green Condition.wait_for': () => new green.Condition().wait_for(notFn),
    'native Condition.wait_for': () => new native.Condition().wait_for(notFn),
    'green Lock.acquire': () => new green.Lock().acquire(false, 1),
    'native Semaphore.acquire': () => new native.Semaphore(1).acquire(false, 1),
  };
  const late: string[] = [];
  try {
    for (const [name, call] of Object.entries(calls)) {
      let result: unknown;
      try {
        result = call();
      } catch (error) {
        assert.match((error as Error).name, /^(TypeError|RangeError)$/, name);
        continue;
      }
      late.push(name);
      if (result instanceof Promise) result.catch(() => {});
    }
    assert.deepEqual(late, [], 'these did not throw at the call');
    assert.equal(g.dead, false, 'a refused call did nothing');
  } finally {
    await g.kill();
  }
});
