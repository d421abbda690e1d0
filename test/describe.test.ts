/**
 * How waits describe what they wait on (LoopExit reports, run info): the
 * class the user wrote, including the green threading classes built on
 * runtime primitives, and never a lost report for a broken hook.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { className, describeHeld, describeWaitOn } from '../runtime/describe.js';
import { BoundedSemaphore, describeWait, Event, getHub, LifoQueue, RLock as RuntimeRLock, Semaphore as RuntimeSemaphore, spawn } from '../runtime/index.js';
import * as threading from '../shims/green/threading.js';
import { settle } from './helpers.js';

const hub = getHub();

/** What `g` waits in, per run info. */
const waitsOf = (g: ReturnType<typeof spawn>): string[] => hub.runInfo().find((i) => i.greenlet === g)?.waits.map((w) => w.on) ?? [];

test('describeWaitOn: the operation under the class of the object waited on; on a named object; bare', () => {
  assert.equal(describeWaitOn(null, 'sleep'), 'sleep');
  assert.equal(describeWaitOn(new BoundedSemaphore(1), 'Semaphore.acquire'), 'BoundedSemaphore.acquire');
  assert.equal(describeWaitOn(new LifoQueue(), 'Queue.get'), 'LifoQueue.get');
  assert.equal(describeWaitOn({ name: 'pool-7' }, 'join'), 'join on pool-7');
  assert.equal(describeWaitOn(Promise.resolve(), 'waitFor'), 'waitFor on Promise');
  assert.equal(describeWaitOn(Object.create(null), 'raw'), 'raw');
  assert.equal(describeWaitOn(Object.create(null), 'Thing.poke'), 'Thing.poke');
});

test('describeWaitOn: a describeWait hook is asked with the bare operation; a throwing or non-string hook falls back', () => {
  const asked: string[] = [];
  class Gate {
    [describeWait](operation: string): string {
      asked.push(operation);
      return `Gate.${operation} (3 ahead)`;
    }
  }
  assert.equal(describeWaitOn(new Gate(), 'Semaphore.acquire'), 'Gate.acquire (3 ahead)');
  assert.deepEqual(asked, ['acquire']);
  class Throws {
    [describeWait](): string {
      throw new Error('broken hook');
    }
  }
  assert.equal(describeWaitOn(new Throws(), 'Event.wait'), 'Throws.wait');
  assert.equal(describeWaitOn({ [describeWait]: () => 42 } as object, 'Event.wait'), 'Object.wait');
  const hostile = new Proxy({}, { get: () => { throw new Error('no reads'); } });
  assert.equal(describeWaitOn(hostile, 'Event.wait'), 'Event.wait');
  assert.equal(describeWaitOn(hostile, 'join'), 'join');
  assert.equal(className(Object.create(null)), null);
  assert.equal(describeHeld(Object.create(null), 'acquire', null), 'RLock.acquire');
});

test('green threading classes are reported as themselves, subclasses too; RLocks name their owner', async () => {
  class AccountLock extends threading.Lock {}
  const lock = new threading.Lock();
  const mine = new AccountLock();
  const sem = new threading.Semaphore(0);
  const bounded = new threading.BoundedSemaphore(1);
  const rlock = new threading.RLock();
  const runtimeRLock = new RuntimeRLock();
  const runtimeSem = new RuntimeSemaphore(0);
  const holder = spawn(async () => {
    await lock.acquire();
    await mine.acquire();
    await bounded.acquire();
    await rlock.acquire();
    await runtimeRLock.acquire();
    await new Event().wait();
  });
  holder.name = 'holder';
  await settle();
  const waiters = [lock, mine, sem, bounded, rlock, runtimeRLock, runtimeSem].map((l) => spawn(() => l.acquire()));
  await settle();
  assert.deepEqual(waiters.map(waitsOf), [
    ['Lock.acquire'],
    ['AccountLock.acquire'],
    ['Semaphore.acquire'],
    ['BoundedSemaphore.acquire'],
    ['RLock.acquire (held by holder)'],
    ['RLock.acquire (held by holder)'],
    ['Semaphore.acquire'],
  ]);
  await holder.kill();
  for (const g of waiters) await g.kill();
});
