/**
 * Green `threading`: threads are greenlets on one OS thread (closures work),
 * the registry of live threads (main, started, dummy), Timer, local,
 * excepthook, Python's thread errors, bad arguments and `__implements__`.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getCurrent, getHub, sleep, spawn, Event as HubEvent } from '../runtime/index.js';
import { patchItem, unpatch } from '../monkey/index.js';
import { facade } from '../shims/shared/live-facades.js';
import type { ExceptHookArgs } from '../shims/shared/excepthook.js';
import { exit } from '../shims/green/thread.js';
import * as green from '../shims/green/threading.js';
import * as native from '../shims/native/threading.js';
import '../shims/threading.js';

const {
  Thread, Timer, DummyThread, ThreadError, active_count, current_thread, enumerate, get_ident, get_native_id, local,
  main_thread,
} = green;

let hooked: ExceptHookArgs[] = [];
let hubErrors: unknown[] = [];
const handleError = getHub().handleError;
before(() => {
  patchItem('threading', 'excepthook', (args: ExceptHookArgs) => hooked.push(args));
  getHub().handleError = (_g, error) => hubErrors.push(error);
});
after(() => {
  unpatch('threading');
  getHub().handleError = handleError;
});

const isThreadError = (message: string) => (e: unknown): boolean => e instanceof ThreadError && (e as Error).message === message;

test('threads are greenlets: one OS thread, distinct idents, current_thread() is the Thread', async () => {
  const seen: { ident: number; nativeId: number; me: green.Thread; greenlet: unknown }[] = [];
  const record = (): void => void seen.push({ ident: get_ident(), nativeId: get_native_id(), me: current_thread(), greenlet: getCurrent() });
  const threads = [1, 2, 3].map(() => new Thread({ target: record }));
  for (const t of threads) assert.equal(await t.start(), undefined);
  for (const t of threads) await t.join();
  assert.equal(seen.length, 3);
  const idents = new Set([get_ident(), ...seen.map((s) => s.ident)]);
  assert.equal(idents.size, 4, 'every thread and main have their own ident');
  for (const [i, t] of threads.entries()) {
    assert.equal(seen[i]!.nativeId, get_native_id());
    assert.equal(t.native_id, get_native_id());
    assert.equal(t.ident, seen[i]!.ident);
    assert.equal(seen[i]!.me, t);
    assert.notEqual(seen[i]!.greenlet, getHub().main);
  }
  assert.equal(get_native_id(), native.get_native_id());
});

test('a target may use closures; args and kwargs arrive as in Python', async () => {
  let total = 0;
  const calls: unknown[][] = [];
  const target = (...args: unknown[]): void => {
    calls.push(args);
    total += args.length;
  };
  const withKwargs = new Thread({ target, args: [1, 2], kwargs: { k: 3 } });
  const withoutKwargs = new Thread({ target, args: new Set(['a']) });
  await withKwargs.start();
  await withoutKwargs.start();
  await withKwargs.join();
  await withoutKwargs.join();
  assert.deepEqual(calls, [[1, 2, { k: 3 }], ['a']]);
  assert.equal(total, 4);
});

test('a subclass overrides run(); a module target is imported', async () => {
  const out = new Int32Array(new SharedArrayBuffer(8));
  class Counter extends Thread {
    count = 0;
    override async run(): Promise<void> {
      await sleep(0);
      this.count = 5;
    }
  }
  const counter = new Counter({ name: 'counter' });
  const lock = new green.Lock();
  const moduleTarget = new Thread({
    target: { module: new URL('./fixtures/lock/workers.js', import.meta.url), export: 'acquireMark' },
    args: [lock, out, 1],
  });
  await counter.start();
  await moduleTarget.start();
  await counter.join();
  await moduleTarget.join();
  assert.equal(counter.count, 5);
  assert.equal(counter.name, 'counter');
  assert.equal(out[1], 1);
  assert.match(moduleTarget.name, /^Thread-\d+ \(acquireMark\)$/);
  assert.equal(await new Thread().run(), undefined);
});

test('start() resolves once the thread ran up to its first switch point, as gevent returns from start() once it blocks', async () => {
  const log: string[] = [];
  const t = new green.Thread({
    target: async () => {
      log.push('began');
      await Promise.resolve(); // not a switch point: the thread keeps running
      log.push('still running');
      await sleep(0.01); // a switch point
      log.push('after sleep');
    },
  });
  await t.start();
  log.push('start() returned');
  assert.deepEqual(log, ['began', 'still running', 'start() returned']);
  await t.join();
  assert.deepEqual(log, ['began', 'still running', 'start() returned', 'after sleep']);
});

test('start() of a thread with no switch point resolves when it ends; one awaiting foreign work does not wait for it', async () => {
  const log: string[] = [];
  const busy = new green.Thread({ target: async () => { for (let i = 0; i < 3; i++) { log.push(`busy ${i}`); await null; } } });
  await busy.start();
  log.push('start() returned');
  assert.deepEqual(log, ['busy 0', 'busy 1', 'busy 2', 'start() returned']);
  assert.equal(busy.is_alive(), false);
  let release!: () => void;
  const foreign = new Promise<void>((resolve) => (release = resolve));
  const waiting = new green.Thread({ target: async () => { await foreign; log.push('foreign done'); } });
  await waiting.start();
  assert.equal(waiting.is_alive(), true, 'start() resolved while the thread awaits a foreign promise');
  release();
  await waiting.join();
  assert.equal(log.at(-1), 'foreign done');
});

test('join(timeout) resolves on timeout with the thread alive; is_alive follows the greenlet', async () => {
  const go = new HubEvent();
  const t = new Thread({ target: () => go.wait() });
  assert.equal(t.is_alive(), false);
  assert.equal(t.ident, null);
  assert.equal(t.native_id, null);
  await t.start();
  assert.equal(await t.join(0.01), undefined);
  assert.equal(t.is_alive(), true);
  go.set();
  await t.join();
  assert.equal(t.is_alive(), false);
  assert.equal(typeof t.ident, 'number');
});

test('enumerate()/active_count(): main first, started threads while alive', async () => {
  const go = new HubEvent();
  const base = active_count();
  assert.equal(enumerate()[0], main_thread());
  const t = new Thread({ target: () => go.wait(), name: 'waiter' });
  void t.start();
  assert.ok(enumerate().includes(t), 'listed from start()');
  assert.equal(active_count(), base + 1);
  go.set();
  await t.join();
  assert.ok(!enumerate().includes(t));
  assert.equal(active_count(), base);
});

test('a greenlet not started through Thread gets a dummy thread that leaves when it dies', async () => {
  const go = new HubEvent();
  const base = active_count();
  let dummy: green.Thread | undefined;
  const g = spawn(async () => {
    dummy = current_thread();
    assert.equal(current_thread(), dummy, 'the same object every time');
    assert.equal(dummy.ident, get_ident());
    await go.wait();
  });
  await sleep(0.01);
  assert.ok(dummy instanceof DummyThread);
  assert.match(dummy.name, /^Dummy-\d+$/);
  assert.equal(dummy.daemon, true);
  assert.equal(dummy.is_alive(), true);
  assert.ok(enumerate().includes(dummy));
  assert.equal(active_count(), base + 1);
  assert.throws(() => dummy!.start(), isThreadError('threads can only be started once'));
  go.set();
  await dummy.join();
  assert.equal(g.dead, true);
  assert.equal(dummy.is_alive(), false);
  assert.ok(!enumerate().includes(dummy));
  assert.equal(active_count(), base);
});

test('main_thread() is the code outside greenlets; joining it from main is refused', () => {
  const main = main_thread();
  assert.equal(current_thread(), main);
  assert.equal(main.name, 'MainThread');
  assert.equal(main.ident, get_ident());
  assert.equal(main.native_id, get_native_id());
  assert.equal(main.daemon, false);
  assert.equal(main.is_alive(), true);
  assert.throws(() => main.join(), isThreadError('cannot join current thread'));
});

test('main_thread().join(timeout) from a green thread resolves on timeout, main still alive', async () => {
  const t = new Thread({ target: () => main_thread().join(0.01) });
  await t.start();
  await t.join();
  assert.equal(main_thread().is_alive(), true);
  assert.equal(hooked.length, 0);
});

test('main_thread().join() from a green thread resolves once nothing else is left to run', () => {
  const script = fileURLToPath(new URL('./fixtures/green/join-main.js', import.meta.url));
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(child.stderr, '');
  assert.equal(child.stdout, 'main done\njoined main\n');
  assert.equal(child.status, 0);
});

test('daemon: given, else inherited from the creating thread (dummy threads are daemonic)', async () => {
  const flags: boolean[] = [];
  const child = (): void => void flags.push(new Thread().daemon);
  assert.equal(new Thread().daemon, false);
  const daemonic = new Thread({ target: child, daemon: true });
  await daemonic.start();
  await daemonic.join();
  await spawn(child).join();
  assert.deepEqual(flags, [true, true]);
  const t = new Thread({ target: () => {} });
  t.daemon = true;
  await t.start();
  assert.throws(() => (t.daemon = false), isThreadError('cannot set daemon status of active thread'));
  const truthy = new Thread();
  truthy.daemon = 1 as never;
  assert.equal(truthy.daemon, true);
  await t.join();
});

test('names: Thread-N (target) by default, settable', async () => {
  function work(): void {}
  const t = new Thread({ target: work });
  assert.match(t.name, /^Thread-\d+ \(work\)$/);
  assert.match(new Thread().name, /^Thread-\d+$/);
  await t.start();
  t.name = 'renamed';
  assert.equal(t.name, 'renamed');
  main_thread().name = 'MainThread';
  await t.join();
});

test('Python thread errors: start twice, join before start, join self', async () => {
  const t = new Thread({ target: () => {} });
  assert.throws(() => t.join(), isThreadError('cannot join thread before it is started'));
  await t.start();
  assert.throws(() => t.start(), isThreadError('threads can only be started once'));
  await t.join();
  const errors: unknown[] = [];
  const self: green.Thread = new Thread({
    target: () => {
      try {
        void self.join();
      } catch (error) {
        errors.push(error);
      }
    },
  });
  await self.start();
  await self.join();
  assert.equal(errors.length, 1);
  assert.ok(isThreadError('cannot join current thread')(errors[0]));
});

test('an uncaught error goes to the current threading.excepthook, not to the hub', async () => {
  hooked = [];
  hubErrors = [];
  const boom = new Error('boom');
  const t = new Thread({ target: async () => { await sleep(0); throw boom; }, name: 'failing' });
  await t.start();
  await t.join();
  assert.equal(hooked.length, 1);
  assert.equal(hooked[0]!.exc_value, boom);
  assert.equal(hooked[0]!.exc_type, Error);
  assert.equal(hooked[0]!.thread, t);
  assert.equal(typeof hooked[0]!.exc_traceback, 'string');
  assert.deepEqual(hubErrors, []);
  assert.equal(t.is_alive(), false);
});

test('thread.exit() ends a thread quietly, running finally blocks', async () => {
  hooked = [];
  const steps: string[] = [];
  const t = new Thread({
    target: () => {
      try {
        exit();
      } finally {
        steps.push('finally');
      }
    },
  });
  await t.start();
  await t.join();
  assert.deepEqual(steps, ['finally']);
  assert.deepEqual(hooked, []);
  assert.deepEqual(hubErrors, []);
});

test('a thread whose greenlet is killed ends quietly', async () => {
  hooked = [];
  let greenlet: ReturnType<typeof getCurrent> | undefined;
  const t = new Thread({ target: () => { greenlet = getCurrent(); return new HubEvent().wait(); } });
  await t.start();
  await sleep(0);
  await greenlet!.kill();
  assert.equal(t.is_alive(), false);
  assert.deepEqual(hooked, []);
  assert.deepEqual(hubErrors, []);
});

test('Timer calls its function after the interval, with args and kwargs; cancel() stops it', async () => {
  const calls: unknown[][] = [];
  const timer = new Timer(0.01, (...args: unknown[]) => void calls.push(args), [1], { k: 2 });
  assert.equal(timer.interval, 0.01);
  assert.match(timer.name, /^Thread-\d+$/);
  await timer.start();
  await timer.join();
  assert.deepEqual([...calls], [[1, { k: 2 }]]);
  assert.equal(timer.finished.is_set(), true);
  const cancelled = new Timer(0.01, () => void calls.push(['late']));
  await cancelled.start();
  cancelled.cancel();
  await cancelled.join();
  assert.equal(calls.length, 1);
  const never = new Timer(60, () => void calls.push(['never']));
  void never.start();
  never.cancel();
  await never.join();
  assert.equal(calls.length, 1);
  assert.throws(() => new Timer(-1, () => {}), RangeError);
  assert.throws(() => new Timer(null as never, () => {}), /interval/);
});

test('local: attributes are per thread', async () => {
  const data = new local() as Record<string, unknown>;
  data.who = 'main';
  const seen: unknown[] = [];
  const threads = ['a', 'b'].map((who) => new Thread({
    target: async () => {
      seen.push(data.who);
      data.who = who;
      await sleep(0);
      seen.push(data.who);
    },
  }));
  for (const t of threads) await t.start();
  for (const t of threads) await t.join();
  assert.deepEqual(seen.sort(), ['a', 'b', undefined, undefined]);
  assert.equal(data.who, 'main');
});

test('bad arguments fail fast, naming the argument', async () => {
  assert.throws(() => new Thread(5 as never), /options/);
  assert.throws(() => new Thread({ target: 42 as never }), (e: unknown) => e instanceof TypeError && /target/.test((e as Error).message));
  assert.throws(() => new Thread({ target: () => {}, args: 5 as never }), (e: unknown) => e instanceof TypeError && /args/.test((e as Error).message));
  assert.throws(() => new Thread({ args: null }), /args must be an array or another iterable, got null/);
  assert.throws(() => new Thread({ kwargs: 5 as never }), /kwargs/);
  assert.equal(new Thread({ daemon: 0 as never }).daemon, false);
  const t = new Thread({ target: () => {} });
  await t.start();
  assert.throws(() => t.join(-1), RangeError);
  assert.throws(() => t.join('1' as never), TypeError);
  assert.throws(() => new green.Condition({} as never), /lock/);
  await t.join();
});

test('__implements__ lists exactly the names that differ from the native module', async () => {
  assert.equal(green.__target__, 'threading');
  const names = Object.keys(facade('threading')!.current);
  for (const name of green.__implements__) {
    assert.ok(names.includes(name), `${name} is a threading name`);
    assert.notEqual((green as Record<string, unknown>)[name], (native as Record<string, unknown>)[name], name);
  }
  for (const name of names.filter((n) => !green.__implements__.includes(n))) {
    assert.equal((green as Record<string, unknown>)[name], (native as Record<string, unknown>)[name], `${name} is shared`);
  }
});
