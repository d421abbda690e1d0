/**
 * Type tests: the public API's types say what the runtime does. These are
 * checked when `npm test` builds (a wrong type fails `tsc`, and with it the
 * run); the test at the end only proves the file was compiled and loaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as runtime from '../runtime/index.js';
import { AsyncResult, Greenlet, Pool, Queue, Semaphore, spawn, withTimeout, type Held } from '../runtime/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<A, B>(_proof: Equal<A, B>): void {}

async function typeChecks(): Promise<void> {
  // spawn infers the value (awaited) and the argument types from the function.
  const g = spawn(async (n: number, s: string) => n + s.length, 1, 'x');
  expectType<typeof g, Greenlet<number, [number, string]>>(true);
  expectType<Awaited<ReturnType<typeof g.get>>, number>(true);
  expectType<Awaited<ReturnType<typeof g.join>>, boolean>(true);
  // @ts-expect-error: the arguments must match the function's parameters
  spawn((n: number) => n, 'not a number');
  // A Greenlet is not thenable: awaiting one yields the Greenlet itself.
  expectType<Awaited<typeof g>, typeof g>(true);

  // withTimeout: the value, or the timeoutValue's type when one is given.
  expectType<Awaited<ReturnType<typeof withTimeout<number>>>, number>(true);
  const maybe = await withTimeout(1, async () => 42, { timeoutValue: null });
  expectType<typeof maybe, number | null>(true);

  // Queues and results carry their item type.
  const q = new Queue<string>(10);
  expectType<Awaited<ReturnType<typeof q.get>>, string>(true);
  // @ts-expect-error: a Queue<string> takes strings
  await q.put(1);
  const r = new AsyncResult<Date>();
  expectType<Awaited<ReturnType<typeof r.get>>, Date>(true);

  // Locks: acquire resolves to a boolean; guard() to a Disposable.
  const sem = new Semaphore(2);
  expectType<Awaited<ReturnType<typeof sem.acquire>>, boolean>(true);
  expectType<Awaited<ReturnType<typeof sem.guard>>, Held>(true);
  expectType<Awaited<ReturnType<typeof sem.withLock<string>>>, string>(true);

  // Pool.spawn waits for a slot, so it resolves to the Greenlet.
  const pool = new Pool(2);
  const pg = await pool.spawn(async () => 'done');
  expectType<Awaited<ReturnType<typeof pg.get>>, string>(true);
}

test('the type tests compiled (they run in tsc, not here)', () => {
  assert.equal(typeof typeChecks, 'function');
  assert.equal(typeof runtime.spawn, 'function');
});
