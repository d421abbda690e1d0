/**
 * The shared lock suite (lock-tests.ts) against the green threading shim:
 * workers are green Threads whose target is the worker body itself; then
 * the green-only behaviours (kills mid-wait, async barrier actions).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sleep, spawn } from '../runtime/index.js';
import * as workers from './fixtures/lock/workers.js';
import { lockTests } from './lock-tests.js';
import * as threading from '../shims/green/threading.js';

lockTests('green', threading, async (body, args) => {
  const thread = new threading.Thread({ target: workers[body] as (...args: unknown[]) => unknown, args });
  await thread.start();
  return thread;
});

// Green-only behaviours: closures in actions, kills mid-wait, per-greenlet ownership.

const { Barrier, BrokenBarrierError, Condition, Lock, RLock, Thread } = threading;

test('green: a killed Condition waiter leaves the queue and takes the lock back before unwinding', async () => {
  const cond = new Condition(new Lock());
  const woken: string[] = [];
  const waiter = (name: string) => async (): Promise<void> => {
    await cond.acquire();
    try {
      if (await cond.wait()) woken.push(name);
    } finally {
      cond.release();
    }
  };
  const victim = spawn(waiter('victim'));
  await sleep(0.01);
  await victim.kill();
  assert.equal(victim.dead, true);
  const survivor = spawn(waiter('survivor'));
  await sleep(0.01);
  await cond.acquire();
  cond.notify();
  cond.release();
  await survivor.join();
  assert.deepEqual(woken, ['survivor']);
  assert.equal(await cond.acquire(false), true);
  cond.release();
});

test('green: RLock ownership is per greenlet, locked() is seen by all', async () => {
  const lock = new RLock();
  await lock.acquire();
  let seen: boolean[] = [];
  await spawn(async () => void (seen = [lock.locked(), lock._is_owned(), await lock.acquire(false)])).join();
  assert.deepEqual(seen, [true, false, false]);
  lock.release();
  assert.equal(lock.locked(), false);
});

test('green: a failing Barrier action reaches the last arrival, the others see it broken', async () => {
  const boom = new Error('action failed');
  const barrier = new Barrier(2, () => { throw boom; });
  const other = spawn(() => barrier.wait().catch((error: unknown) => error));
  await sleep(0.01);
  await assert.rejects(barrier.wait(), boom);
  assert.ok((await other.get()) instanceof BrokenBarrierError);
  assert.equal(barrier.broken, true);
});

test('green: an async Barrier action is awaited; an abort meanwhile breaks the round', async () => {
  const log: string[] = [];
  const ok = new Barrier(2, async () => { await sleep(0.005); log.push('action'); });
  const first = spawn(() => ok.wait());
  await sleep(0);
  await ok.wait();
  log.push('released');
  await first.join();
  assert.deepEqual(log, ['action', 'released']);
  const aborted = new Barrier(1, () => sleep(0.01));
  const round = aborted.wait();
  await sleep(0);
  aborted.abort();
  await assert.rejects(round, BrokenBarrierError);
});

test('green: a killed Barrier waiter leaves; n_waiting goes back down', async () => {
  const barrier = new Barrier(3);
  const g = spawn(() => barrier.wait());
  await sleep(0.01);
  assert.equal(barrier.n_waiting, 1);
  await g.kill();
  assert.equal(barrier.n_waiting, 0);
  assert.equal(barrier.broken, false);
});

test('green: worker closures see the same objects (no copying, unlike native args)', async () => {
  const seen: unknown[] = [];
  const box = { n: 1 };
  const t = new Thread({ target: (b: typeof box) => void seen.push(b === box), args: [box] });
  await t.start();
  await t.join();
  assert.deepEqual(seen, [true]);
});
