/**
 * Helpers shared by the runtime's tests: letting the hub run, silencing or
 * recording the errors it reports, deferred promises, counting armed timers,
 * running a child `node` process. One copy here instead of one per test file
 * (this file holds no tests).
 */
import { afterEach, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
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
 * Accept a synchronous throw or a rejection, for tests about what fails, not
 * how (that argument errors throw at the call is checked once, in
 * argument-errors.test.ts).
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
export const linksOf = (o: object): unknown[] => {
  const links = (o as { links: unknown[] | ((...args: never[]) => unknown) | null }).links;
  return typeof links === 'function' ? [links] : (links ?? []); // a greenlet keeps one plain link as the callback itself
};

/**
 * What a child process did: its exit code (null when killed), the signal
 * that killed it, and everything it wrote.
 *
 * @example
 * const ran: Ran = { code: 0, signal: null, stdout: '42\n', stderr: '' };
 */
export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `node args…` to its end in a clean green-loader environment: the
 * parent's GREEN_PATCH, GREEN_DEBUG and NODE_OPTIONS are dropped, then `env`
 * is added. With `timeout` (seconds) a child still running then is killed
 * with SIGKILL (`signal` says so), so a hung program fails its test instead
 * of stalling the suite. With `input`, the child's stdin gets that text and
 * then its end.
 *
 * @example
 * const ran = await runNode(process.execPath, ['--import', preload, 'app.mjs'], { env: { GREEN_PATCH: 'none' }, timeout: 30 });
 * assert.equal(ran.code, 0, ran.stderr);
 */
export function runNode(
  node: string,
  args: string[],
  { env = {}, cwd, timeout, input }: { env?: Record<string, string>; cwd?: string; timeout?: number; input?: string } = {},
): Promise<Ran> {
  const inherited = { ...process.env };
  for (const name of ['GREEN_PATCH', 'GREEN_DEBUG', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT']) delete inherited[name];
  return new Promise((resolve, reject) => {
    const options = { cwd, env: { ...inherited, ...env }, killSignal: 'SIGKILL' as const, timeout: timeout === undefined ? 0 : timeout * 1000 };
    const child = spawn(node, args, options);
    if (input !== undefined) child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * The environment that turns spawn and wait sites on for a child process:
 * `GREEN_SPAWN_SITES=1` is read by the loader's preload (the runtime reads no
 * environment), patching nothing so a fixture runs as it would plainly.
 *
 * @example
 * spawnSync(process.execPath, [fixture], { env: { ...process.env, ...SPAWN_SITES_ENV } });
 */
export const SPAWN_SITES_ENV: Record<string, string> = {
  GREEN_SPAWN_SITES: '1',
  GREEN_PATCH: 'none',
  NODE_OPTIONS: `--import ${fileURLToPath(new URL('../loader/preload.js', import.meta.url))}`,
};

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
