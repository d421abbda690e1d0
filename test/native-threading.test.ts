/**
 * Native `threading`: threads are worker threads, shared-memory locks work
 * across them, errors reach excepthook, bad arguments fail fast.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { registerFacade, type Facade } from '../shims/shared/live-facades.js';
import { defaultExcepthook, reportThreadException, exceptHookArgs, type ExceptHookArgs } from '../shims/shared/excepthook.js';
import { ThreadExit } from '../shims/shared/errors.js';
import {
  Barrier, BoundedSemaphore, BrokenBarrierError, Condition, Event, Lock, RLock, Semaphore, Thread, ThreadError, Timer,
  TIMEOUT_MAX, active_count, current_thread, enumerate, excepthook, get_ident, get_native_id, local, main_thread,
} from '../shims/native/threading.js';

const FIXTURES = new URL('./fixtures/native/', import.meta.url);
const targets = new URL('targets.js', FIXTURES);
const shared = (n = 8): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n));

/** Wait (polling the event loop) until `predicate()` holds; fail after 10 s. */
async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(predicate(), `timed out waiting for ${what}`);
}

/** Start threads, run `body`, join them all. */
async function run(threads: Thread[]): Promise<void> {
  await Promise.all(threads.map((t) => t.start()));
  await Promise.all(threads.map((t) => t.join()));
}

let hooks: Facade;
let seen: ExceptHookArgs[] = [];
before(() => {
  hooks = registerFacade('threading', { excepthook: defaultExcepthook }, () => {});
  hooks.set('excepthook', (args: ExceptHookArgs) => seen.push(args));
});
after(() => hooks.set('excepthook', defaultExcepthook));

test('a function target runs on another OS thread with args and kwargs', async () => {
  const out = shared();
  const withKwargs = new Thread({
    target: (o: Int32Array, a: number, ...rest: { k?: number }[]) => {
      o[0] = a;
      o[1] = rest.length;
      o[2] = rest[0]?.k ?? -1;
    },
    args: [out, 7],
    kwargs: { k: 9 },
  });
  const methods = { shorthand(o: Int32Array, ...rest: unknown[]) { o[3] = rest.length; } };
  const withoutKwargs = new Thread({ target: methods.shorthand, args: [out] });
  await run([withKwargs, withoutKwargs]);
  assert.deepEqual([...out.slice(0, 4)], [7, 1, 9, 0]);
  assert.equal(typeof withKwargs.native_id, 'number');
  assert.notEqual(withKwargs.native_id, get_native_id());
  assert.notEqual(withKwargs.ident, get_ident());
  assert.notEqual(withKwargs.ident, withoutKwargs.ident);
  assert.equal(withKwargs.is_alive(), false);
  assert.match(withKwargs.name, /^Thread-\d+ \(target\)$/);
});

test('a module target runs its export (default or named) in the thread', async () => {
  const out = shared(9);
  const probe = new Thread({ target: { module: targets, export: 'probe' }, args: [out], name: 'probe', daemon: true });
  const byDefault = new Thread({ target: { module: fileURLToPath(targets) }, args: [out.subarray(7), 5] });
  const byUrlString = new Thread({ target: { module: targets.href }, args: [out.subarray(8), 6] });
  await run([probe, byDefault, byUrlString]);
  assert.equal(out[0], probe.ident);
  assert.equal(out[1], probe.native_id);
  assert.notEqual(out[1], get_native_id());
  assert.deepEqual([out[2], out[3], out[4], out[5], out[6]], [1, 1, 1, 2, 1]);
  assert.deepEqual([out[7], out[8]], [5, 6]);
  assert.match(byDefault.name, /\(default\)$/);
});

test('a Thread subclass overriding run() runs its methods in the thread, with its fields', async () => {
  class Counter extends Thread {
    out: Int32Array;
    constructor(out: Int32Array) {
      super({ name: 'counter' });
      this.out = out;
    }
    get twice(): number {
      return 2;
    }
    step(): number {
      return this.twice;
    }
    override async run(): Promise<void> {
      this.out[0] = this.step();
      this.out[1] = this.name === 'counter' && this.is_alive() ? 1 : 0;
      this.out[2] = this.ident ?? -1;
      this.name = 'renamed';
      this.out[3] = this.name === 'renamed' ? 1 : 0;
      await super.run();
    }
  }
  const out = shared();
  const t = new Counter(out);
  await run([t]);
  assert.deepEqual([out[0], out[1], out[2], out[3]], [2, 1, t.ident, 1]);
});

test('run() called directly runs the target in the calling thread', async () => {
  let calls = 0;
  await new Thread({ target: () => calls++ }).run();
  await new Thread().run();
  assert.equal(calls, 1);
});

test('a Lock passed in args serializes read-modify-write increments across 4 threads', async () => {
  const lock = new Lock();
  const counter = shared(1);
  const N = 400;
  const bump = async (l: Lock, c: Int32Array, n: number) => {
    for (let i = 0; i < n; i++) {
      await l.acquire();
      const value = c[0]!;
      for (let spin = 0; spin < 200; spin++);
      c[0] = value + 1;
      l.release();
    }
  };
  await run([1, 2, 3, 4].map(() => new Thread({ target: bump, args: [lock, counter, N] })));
  assert.equal(counter[0], 4 * N);
  assert.equal(lock.locked(), false);
});

test('Lock: timeouts, non-blocking, and release of an unlocked lock', async () => {
  const lock = new Lock();
  assert.equal(await lock.acquire(), true);
  assert.equal(lock.locked(), true);
  assert.equal(await lock.acquire(false), false);
  assert.equal(await lock.acquire(true, 0.01), false);
  const waiter = lock.acquire(true, 5);
  lock.release();
  assert.equal(await waiter, true);
  lock.release();
  assert.throws(() => lock.release(), (e: unknown) => e instanceof ThreadError && e.message === 'release unlocked lock');
  assert.equal(lock._is_owned(), false);
});

test('RLock is reentrant per OS thread and refuses other threads', async () => {
  const rlock = new RLock();
  const out = shared();
  await rlock.acquire();
  await rlock.acquire();
  const other = new Thread({
    target: async (r: RLock, o: Int32Array) => {
      o[0] = (await r.acquire(false)) ? 1 : 0;
      o[1] = (await r.acquire(true, 0.01)) ? 1 : 0;
      try {
        r.release();
      } catch (error) {
        o[2] = (error as Error).message === 'cannot release un-acquired lock' ? 1 : 0;
      }
      o[3] = (await r.acquire()) ? 1 : 0;
      r.release();
    },
    args: [rlock, out],
  });
  await other.start();
  await until(() => out[2] === 1, 'the other thread to fail its release');
  rlock.release();
  assert.equal(rlock._is_owned(), true);
  rlock.release();
  await other.join();
  assert.deepEqual([...out.slice(0, 4)], [0, 0, 1, 1]);
  assert.throws(() => rlock.release(), /cannot release un-acquired lock/);
  assert.throws(() => rlock._release_save(), ThreadError);
});

test('Semaphore bounds concurrency across threads; BoundedSemaphore refuses extra releases', async () => {
  const sem = new Semaphore(2);
  const stats = shared(2); // [inside now, most inside at once]
  const worker = async (s: Semaphore, st: Int32Array) => {
    for (let i = 0; i < 20; i++) {
      await s.acquire();
      const inside = Atomics.add(st, 0, 1) + 1;
      for (let seen = Atomics.load(st, 1); inside > seen; seen = Atomics.load(st, 1)) Atomics.compareExchange(st, 1, seen, inside);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      Atomics.sub(st, 0, 1);
      s.release();
    }
  };
  await run([1, 2, 3].map(() => new Thread({ target: worker, args: [sem, stats] })));
  assert.ok(stats[1]! >= 1 && stats[1]! <= 2, `at most 2 inside, saw ${stats[1]}`);
  assert.equal(sem._value, 2);

  const empty = new Semaphore(0);
  assert.equal(await empty.acquire(false), false);
  assert.equal(await empty.acquire(true, 0.01), false);
  const waiting = empty.acquire();
  empty.release(1);
  assert.equal(await waiting, true);

  const bounded = new BoundedSemaphore(2);
  await bounded.acquire();
  const remote = new Thread({ target: (b: BoundedSemaphore) => b.release(), args: [bounded] });
  await run([remote]);
  assert.equal(bounded._value, 2);
  assert.throws(() => bounded.release(), (e: unknown) => e instanceof ThreadError && e.message === 'Semaphore released too many times');
});

test('Event wakes a waiting thread; wait() times out with false', async () => {
  const ready = new Event();
  const out = shared();
  const t = new Thread({
    target: async (ev: Event, o: Int32Array) => {
      o[0] = (await ev.wait(0.01)) ? 1 : 2;
      o[1] = 1;
      o[2] = (await ev.wait()) ? 1 : 2;
    },
    args: [ready, out],
  });
  await t.start();
  await until(() => out[1] === 1, 'the first, timed-out wait');
  assert.equal(ready.is_set(), false);
  ready.set();
  ready.set();
  await t.join();
  assert.deepEqual([out[0], out[2]], [2, 1]);
  assert.equal(await ready.wait(), true);
  ready.clear();
  assert.equal(ready.is_set(), false);
  const pending = ready.wait(5);
  ready.set();
  ready.clear();
  assert.equal(await pending, true, 'a waiter woken by set() returns true even after clear()');
});

test('Condition: a thread waits until notified; notify(n) wakes exactly n; timeouts', async () => {
  const cond = new Condition(new Lock());
  const inWait = new Event();
  const out = shared();
  const t = new Thread({
    target: async (c: Condition, ev: Event, o: Int32Array) => {
      await c.acquire();
      ev.set();
      o[1] = (await c.wait_for(() => o[0] === 1, 10)) ? 1 : 2;
      c.release();
    },
    args: [cond, inWait, out],
  });
  await t.start();
  await inWait.wait();
  await cond.acquire(); // had only once the thread released the lock inside wait()
  out[0] = 1;
  cond.notify();
  cond.release();
  await t.join();
  assert.equal(out[1], 1);

  const rcond = new Condition();
  let woke = 0;
  const waiters: Promise<boolean>[] = [];
  for (let i = 0; i < 3; i++) {
    await rcond.acquire();
    waiters.push(rcond.wait().then((notified) => { woke++; rcond.release(); return notified; }));
  }
  await rcond.acquire();
  rcond.notify(1);
  rcond.release();
  await until(() => woke === 1, 'one waiter');
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(woke, 1);
  await rcond.acquire();
  rcond.notify_all();
  rcond.release();
  assert.deepEqual(await Promise.all(waiters), [true, true, true]);

  const crowded = new Condition(new Lock());
  const crowd: Promise<boolean>[] = [];
  for (let i = 0; i < 256; i++) {
    await crowded.acquire();
    crowd.push(crowded.wait());
  }
  await crowded.acquire();
  assert.throws(() => crowded.wait(), /too many waiters on one Condition \(max 256\)/);
  crowded.notify_all();
  crowded.release();
  for (const waiter of crowd) {
    assert.equal(await waiter, true);
    crowded.release();
  }

  await rcond.acquire();
  assert.equal(await rcond.wait(0.01), false);
  assert.equal(await rcond.wait_for(() => false, 0.01), false);
  rcond.release();
  assert.throws(() => rcond.wait(), /cannot wait on un-acquired lock/);
  assert.throws(() => rcond.notify(), /cannot notify on un-acquired lock/);
});

test('Barrier releases threads together; timeout, abort and reset', async () => {
  const barrier = new Barrier(3);
  const out = shared();
  const party = async (b: Barrier, o: Int32Array, slot: number) => void (o[slot] = (await b.wait()) + 1);
  const threads = [0, 1].map((slot) => new Thread({ target: party, args: [barrier, out, slot] }));
  await Promise.all(threads.map((t) => t.start()));
  const mine = await barrier.wait();
  await Promise.all(threads.map((t) => t.join()));
  assert.deepEqual([out[0]! - 1, out[1]! - 1, mine].sort(), [0, 1, 2]);
  assert.equal(barrier.parties, 3);
  assert.equal(barrier.n_waiting, 0);

  let actions = 0;
  const local2 = new Barrier(2, () => actions++);
  const [a, b] = await Promise.all([local2.wait(), local2.wait()]);
  assert.deepEqual([a, b].sort(), [0, 1]);
  assert.equal(actions, 1);

  const lonely = new Barrier(2, null, 0.01);
  await assert.rejects(lonely.wait(), BrokenBarrierError);
  assert.equal(lonely.broken, true);
  await assert.rejects(lonely.wait(), BrokenBarrierError);
  lonely.reset();
  assert.equal(lonely.broken, false);
  await assert.rejects(lonely.wait(null), BrokenBarrierError, 'wait(None) uses the default timeout, as in Python');
  lonely.reset();

  const aborted = new Barrier(2);
  const pending = aborted.wait();
  assert.equal(aborted.n_waiting, 1);
  aborted.abort();
  await assert.rejects(pending, BrokenBarrierError);

  const reset = new Barrier(2);
  const resetWaiter = reset.wait().catch((error: unknown) => error);
  reset.reset();
  const again = Promise.all([reset.wait(), reset.wait()]); // arrive while resetting: wait for it to end
  assert.ok((await resetWaiter) instanceof BrokenBarrierError);
  assert.deepEqual((await again).sort(), [0, 1], 'usable again after reset()');

  const failing = new Barrier(1, () => { throw new Error('action failed'); });
  await assert.rejects(failing.wait(), /action failed/);
  assert.equal(failing.broken, true);
});

test('a Barrier action that captures a variable breaks the barrier in the thread, with the hint', async () => {
  seen = [];
  const captured = 1;
  const barrier = new Barrier(2, () => captured);
  const mine = barrier.wait().catch((error: unknown) => error); // arrives first, so the thread runs the action
  const t = new Thread({ target: (b: Barrier) => b.wait(), args: [barrier] });
  await run([t]);
  assert.ok((await mine) instanceof BrokenBarrierError);
  assert.equal(seen.length, 1);
  assert.match(String((seen[0]!.exc_value as Error).message), /captured is not defined.*cannot use variables captured/);
});

test('a closure target fails in the thread with its ReferenceError and a hint, through excepthook', async () => {
  seen = [];
  const outside = 41;
  const t = new Thread({ target: () => outside + 1, name: 'closure' });
  await run([t]);
  assert.equal(seen.length, 1);
  const { exc_value, exc_type, exc_traceback, thread } = seen[0]!;
  assert.equal(thread, t);
  assert.equal(exc_type, ReferenceError);
  assert.match((exc_value as Error).message, /outside is not defined .*cannot use variables captured from the enclosing scope/);
  assert.match(String(exc_traceback), /^ReferenceError: outside is not defined \(native/);
});

test('errors while loading a target, thrown values and stray errors all reach excepthook', async () => {
  seen = [];
  const threads = [
    new Thread({ target: { module: targets, export: 'notAFunction' } }),
    new Thread({ target: { module: targets, export: 'missing' } }),
    new Thread({ target: () => { throw 'a string'; } }),
    new Thread({ target: () => { throw { toString: () => 'odd' }; } }),
    new Thread({ target: () => void setTimeout(() => { throw new RangeError('stray'); }) }),
  ];
  await run(threads);
  const messages = seen.map((s) => (s.exc_value instanceof Error ? s.exc_value.message : s.exc_value));
  assert.equal(seen.length, 5);
  assert.ok(messages.some((m) => /notAFunction.*must be a function/.test(String(m))), String(messages));
  assert.ok(messages.some((m) => /"missing".*must be a function/.test(String(m))));
  assert.ok(messages.includes('a string'));
  assert.ok(messages.includes('odd'));
  assert.ok(messages.includes('stray'));
});

test('an uncaught error goes to the default excepthook and the process exits 0; daemon threads do not hold it', () => {
  const child = spawnSync(process.execPath, [fileURLToPath(new URL('uncaught.js', FIXTURES))], { encoding: 'utf8', timeout: 15_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stderr, /^Exception in thread failing:\nTypeError: boom from thread/);
  assert.match(child.stdout, /main done, stuck alive: true/);
});

test('a non-daemon thread keeps the process alive until it ends', () => {
  const child = spawnSync(process.execPath, [fileURLToPath(new URL('non-daemon.js', FIXTURES))], { encoding: 'utf8', timeout: 15_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, 'thread finished\n');
});

test('Timer fires after its interval, and cancel() stops it', async () => {
  const out = shared();
  const fires = new Timer(0.01, (o: Int32Array, v: number, kw: { add: number }) => void (o[0] = v + kw.add), [out, 1], { add: 2 });
  const cancelled = new Timer(30, (o: Int32Array) => void (o[1] = 1), [out]);
  await fires.start();
  await cancelled.start();
  cancelled.cancel();
  await Promise.all([fires.join(), cancelled.join()]);
  assert.deepEqual([out[0], out[1]], [3, 0]);
  assert.equal(cancelled.finished.is_set(), true);
  assert.equal(fires.interval, 0.01);
  assert.match(fires.name, /^Thread-\d+$/);
  let direct = 0;
  await new Timer(0, () => direct++).run();
  assert.equal(direct, 1);

  class Repeat extends Timer {
    override async run(): Promise<void> {
      await super.run();
      (this as unknown as { out: Int32Array }).out[2] = 5;
    }
  }
  const repeat = new Repeat(0, (o: Int32Array) => void (o[3] = 6), [out]);
  (repeat as unknown as { out: Int32Array }).out = out;
  await run([repeat]);
  assert.deepEqual([out[2], out[3]], [5, 6]);
});

test('local: a local sent to another thread arrives empty', async () => {
  const data = new local();
  data.user = 'ann';
  const out = shared();
  await run([new Thread({ target: (l: Record<string, unknown>, o: Int32Array) => void (o[0] = Object.keys(l).length + 1), args: [data, out] })]);
  assert.equal(out[0], 1);
  assert.equal(data.user, 'ann');
});

test('current_thread, main_thread, enumerate, active_count, excepthook, TIMEOUT_MAX', async () => {
  assert.equal(current_thread(), main_thread());
  assert.equal(main_thread().name, 'MainThread');
  assert.equal(main_thread().ident, get_ident());
  assert.equal(main_thread().native_id, process.pid);
  assert.equal(main_thread().is_alive(), true);
  assert.equal(main_thread().daemon, false);
  const hold = new Event();
  const t = new Thread({ target: (e: Event) => e.wait(), args: [hold] });
  await t.start();
  assert.ok(enumerate().includes(t));
  assert.equal(active_count(), enumerate().length);
  hold.set();
  await t.join();
  assert.ok(!enumerate().includes(t));
  assert.equal(excepthook, defaultExcepthook);
  assert.equal(typeof TIMEOUT_MAX, 'number');
});

test('Thread state errors use Python messages', async () => {
  const t = new Thread({ target: () => {} });
  assert.throws(() => t.join(), (e: unknown) => e instanceof ThreadError && e.message === 'cannot join thread before it is started');
  t.daemon = true;
  t.name = 'renamed';
  assert.equal(t.name, 'renamed');
  await t.start();
  assert.throws(() => t.start(), (e: unknown) => e instanceof ThreadError && e.message === 'threads can only be started once');
  assert.throws(() => (t.daemon = false), /cannot set daemon status of active thread/);
  await t.join();
  await t.join(0);
  assert.throws(() => current_thread().join(), /cannot join current thread/);
  const out = shared();
  await run([new Thread({ target: { module: targets, export: 'joinSelfAndMain' }, args: [out] })]);
  assert.deepEqual([out[0], out[1]], [1, 2]);
});

test('join(timeout) returns while the thread still runs', async () => {
  const hold = new Event();
  const t = new Thread({ target: (e: Event) => e.wait(), args: [hold], daemon: true });
  await t.start();
  await t.join(0.01);
  assert.equal(t.is_alive(), true);
  hold.set();
  await t.join();
  assert.equal(t.is_alive(), false);
});

test('bad arguments fail fast with TypeError or RangeError naming the argument', async () => {
  assert.throws(() => new Thread({ target: 42 as never }), { name: 'TypeError', message: /target/ });
  assert.throws(() => new Thread({ target: Math.max }), { name: 'TypeError', message: /target is a built-in or bound/ });
  assert.throws(() => new Thread({ target: (() => {}).bind(null) }), { name: 'TypeError', message: /bound/ });
  assert.throws(() => new Thread({ target: class {} as never }), { name: 'TypeError', message: /not a class/ });
  assert.throws(() => new Thread({ target: { module: 5 } as never }), { name: 'TypeError', message: /target/ });
  assert.throws(() => new Thread({ target: { module: 'x', export: 5 } as never }), { name: 'TypeError', message: /target.export/ });
  assert.throws(() => new Thread({ args: 5 as never }), { name: 'TypeError', message: /args/ });
  assert.throws(() => new Thread({ kwargs: 5 as never }), { name: 'TypeError', message: /kwargs/ });
  assert.equal(new Thread({ daemon: 'yes' as never }).daemon, true);
  assert.throws(() => new Thread(5 as never), { name: 'TypeError', message: /options/ });
  const t = new Thread({ target: () => {} });
  await t.start();
  assert.throws(() => t.join(-1), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => t.join(NaN), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => t.join(TIMEOUT_MAX + 1), { name: 'RangeError', message: /timeout value is too large/ });
  await t.join();
  assert.throws(() => new Thread({ target: () => {}, args: [1, () => 1] }).start(), { name: 'TypeError', message: /^args\[1\] is a function/ });
  assert.throws(() => new Thread({ target: () => {}, kwargs: { cb: [{ f: Math.max }] } }).start(), { name: 'TypeError', message: /^kwargs\.cb\[0\]\.f is a function \(max\)/ });
  class Unreachable {}
  assert.throws(() => new Thread({ target: () => {}, args: [new Unreachable()] }).start(), {
    name: 'TypeError',
    message: /^args\[0\] is an instance of Unreachable, which a native thread cannot reach/,
  });
  assert.throws(() => new Thread({ target: () => {}, args: [new URL('file:///x')] }).start(), { name: 'TypeError', message: /args\[0\] is an instance of URL/ });
  assert.throws(() => new Semaphore(-1), { name: 'RangeError', message: /value/ });
  assert.throws(() => new Semaphore(2 ** 31), { name: 'RangeError', message: /value/ });
  assert.throws(() => new BoundedSemaphore(1.5), { name: 'RangeError', message: /value/ });
  assert.throws(() => new Semaphore().release(0), { name: 'RangeError', message: /\bn\b/ });
  assert.throws(() => new Barrier(0), { name: 'RangeError', message: /parties/ });
  assert.throws(() => new Barrier(2, 'x' as never), { name: 'TypeError', message: /action/ });
  assert.throws(() => new Barrier(2).wait(-1), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => new Condition({} as never), { name: 'TypeError', message: /lock/ });
  assert.throws(() => new Condition().notify(-1), { name: 'RangeError', message: /\bn\b/ });
  assert.throws(() => new Condition().wait_for(5 as never), { name: 'TypeError', message: /predicate/ });
  const lock = new Lock();
  assert.throws(() => lock.acquire(false, 1), { name: 'RangeError', message: /non-blocking/ });
  assert.throws(() => lock.acquire(true, -2), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => new RLock().acquire(true, NaN), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => new Event().wait(-2), { name: 'RangeError', message: /timeout/ });
  assert.throws(() => new Timer(-1, () => {}), { name: 'RangeError', message: /interval/ });
  assert.throws(() => new Timer(null as never, () => {}), { name: 'TypeError', message: /interval/ });
});

test('default excepthook prints like Python and ignores ThreadExit; a failing hook is reported', () => {
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as unknown as typeof write;
  try {
    defaultExcepthook(exceptHookArgs('plain', null));
    defaultExcepthook(exceptHookArgs(new ThreadExit(), main_thread()));
    hooks.set('excepthook', () => { throw new Error('hook broke'); });
    reportThreadException(exceptHookArgs(new Error('original'), main_thread()));
    hooks.set('excepthook', 'not a function');
    reportThreadException(exceptHookArgs(new Error('fallback'), main_thread()));
  } finally {
    process.stderr.write = write;
    hooks.set('excepthook', (args: ExceptHookArgs) => seen.push(args));
  }
  const text = written.join('');
  assert.match(text, /^Exception in thread unknown:\nplain\n/);
  assert.doesNotMatch(text, /thread exit/);
  assert.match(text, /Exception in threading.excepthook:\nException in thread MainThread:\nError: hook broke/);
  assert.match(text, /Exception in thread MainThread:\nError: original/);
  assert.match(text, /Exception in thread MainThread:\nError: fallback/);
  const args = exceptHookArgs(null, null);
  assert.deepEqual(args, { exc_type: null, exc_value: null, exc_traceback: null, thread: null });
});
