/**
 * Helpers shared by the runtime's tests: letting the hub run, silencing or
 * recording the errors it reports, deferred promises, counting armed timers.
 * One copy here instead of one per test file (this file holds no tests).
 */
import { afterEach, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { getHub, sleep, type Greenlet } from '../runtime/index.js';

/**
 * Let every ready greenlet run until it parks: `turns` trips through the hub.
 *
 * @example
 * spawn(worker); await settle(); assert.equal(seen.length, 1);
 */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await sleep(0);
}

/**
 * Run `fn` with the hub's error printing off (the test expects failures),
 * and turn it back on afterwards.
 *
 * @example
 * await quietly(() => spawn(() => { throw new Error('x'); }).join());
 */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const hub = getHub();
  hub.printExceptions = false;
  try {
    return await fn();
  } finally {
    hub.printExceptions = true;
  }
}

/**
 * What the hub reported through `handleError` during one test.
 *
 * @example
 * const report: HubReport = { greenlet: null, error: new Error('x') };
 */
export interface HubReport {
  greenlet: Greenlet | null;
  error: unknown;
}

/**
 * Register hooks for the calling test file: before each test, record the
 * hub's reports in the returned list (emptied first); after each, restore
 * the hub's own `handleError` and printing, and assert that no greenlet was
 * left alive.
 *
 * @example
 * const reported = recordHubErrors();
 * test('…', async () => { … assert.deepEqual(reported, []); });
 */
export function recordHubErrors(): HubReport[] {
  const hub = getHub();
  const reported: HubReport[] = [];
  beforeEach(() => {
    reported.length = 0;
    hub.handleError = (greenlet, error) => {
      reported.push({ greenlet, error });
    };
  });
  afterEach(() => {
    delete (hub as { handleError?: unknown }).handleError; // back to the prototype's
    hub.printExceptions = true;
    assert.equal(hub.liveGreenlets, 0, 'a test left a live greenlet behind');
  });
  return reported;
}

/**
 * A promise with its `resolve` and `reject` handed out.
 *
 * @example
 * const gate = deferred(); spawn(() => gate.promise); gate.resolve();
 */
export function deferred<T = void>(): { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Accept a synchronous throw or a rejection: which one is an implementation detail.
 *
 * @example
 * await fails(() => sleep(-1), RangeError);
 */
export async function fails(fn: () => unknown, expected: RegExp | (new (...a: any[]) => Error) | object): Promise<void> {
  await assert.rejects(async () => fn(), expected as never);
}

/**
 * How many `setTimeout` timers this process has armed right now.
 *
 * @example
 * const before = timers(); await sleep(0.01); assert.equal(timers(), before);
 */
export const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

/**
 * The private rawlink list of an Event/AsyncResult or Greenlet, to prove nothing is left registered.
 *
 * @example
 * assert.equal(linksOf(ev).length, 0);
 */
export const linksOf = (o: object): unknown[] => (o as { links: unknown[] | null }).links ?? [];

/**
 * Wait (letting the event loop and the hub run) until `predicate()` holds;
 * fail naming `what` after about 10 s.
 *
 * @example
 * await until(() => q._waiting_getters === 2, 'two blocked getters');
 */
export async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(predicate(), `timed out waiting for ${what}`);
}
