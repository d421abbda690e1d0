/**
 * Group and Pool: back-pressure, membership, join/kill, map/imap/imapUnordered
 * (order, async input, first error, early break, cleanup), apply/applyAsync,
 * argument checks. Ordering is proved with flags and Events, never durations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCurrent } from '../runtime/current.js';
import { GreenletExit } from '../runtime/errors.js';
import { AsyncResult, Event } from '../runtime/event.js';
import { Greenlet, spawn } from '../runtime/greenlet.js';
import { getHub } from '../runtime/hub.js';
import { Group, Pool } from '../runtime/pool.js';
import { sleep, waitFor } from '../runtime/sleep.js';
import { Timeout, withTimeout } from '../runtime/timeout.js';

/** Let the hub run a few turns. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await sleep(0);
}

/** Run `body` with failure printing off; assert no greenlet is left alive afterwards. */
async function quietly(body: () => Promise<void>): Promise<void> {
  const hub = getHub();
  const before = hub.liveGreenlets;
  hub.printExceptions = false;
  try {
    await body();
  } finally {
    hub.printExceptions = true;
  }
  assert.equal(hub.liveGreenlets, before, 'no greenlet left running');
}

test('Pool(size) checks size; Pool() and Pool(null) are unbounded', () => {
  assert.throws(() => new Pool(0), { name: 'RangeError', message: /size/ });
  assert.throws(() => new Pool(1.5), { name: 'RangeError', message: /size/ });
  assert.throws(() => new Pool('2' as unknown as number), { name: 'TypeError', message: /size/ });
  assert.equal(new Pool(3).size, 3);
  for (const pool of [new Pool(), new Pool(null)]) {
    assert.equal(pool.size, null);
    assert.equal(pool.full(), false);
    assert.equal(pool.freeCount(), Infinity);
  }
});

test('a full Pool makes spawn wait until a member finishes (back-pressure)', async () => {
  const pool = new Pool(2);
  const gates = [new Event(), new Event()];
  const log: string[] = [];
  const busy = async (i: number): Promise<void> => {
    await gates[i]!.wait();
    log.push(`done ${i}`);
  };
  await pool.spawn(busy, 0);
  await pool.spawn(busy, 1);
  assert.equal(pool.full(), true);
  assert.equal(pool.freeCount(), 0);
  let third: Greenlet | null = null;
  const spawning = pool.spawn(async () => 'third').then((g) => {
    log.push('third spawned');
    third = g;
  });
  await turns();
  assert.equal(third, null, 'spawn must wait for a slot');
  assert.equal(pool.length, 2);
  gates[1]!.set();
  await spawning;
  assert.deepEqual(log, ['done 1', 'third spawned']);
  gates[0]!.set();
  assert.equal(await pool.join(), true);
  assert.deepEqual(log, ['done 1', 'third spawned', 'done 0']);
  assert.equal(pool.freeCount(), 2);
  assert.equal(third!.value, 'third');
});

test('Pool.add waits for a slot; a waiting spawn that is killed leaves no trace', async () => {
  const pool = new Pool(1);
  const gate = new Event();
  const busy = await pool.spawn(() => gate.wait());
  const outsider = new Greenlet(async () => 'outsider');
  let added = false;
  const adding = pool.add(outsider).then(() => (added = true));
  const blocked = spawn(() => pool.spawn(async () => 'never'));
  await turns();
  assert.equal(added, false);
  await blocked.kill();
  assert.ok((blocked.value as unknown) instanceof GreenletExit);
  gate.set();
  await adding;
  assert.equal(busy.dead, true);
  assert.equal(pool.has(outsider), true);
  assert.equal(pool.full(), true);
  outsider.start();
  assert.equal(await outsider.get(), 'outsider');
  assert.equal(pool.freeCount(), 1, 'the killed spawner holds no slot');
});

test('length, has, discard and iteration track live members', async () => {
  const group = new Group();
  const gate = new Event();
  const a = await group.spawn(() => gate.wait());
  const b = await group.spawn(async () => 'b');
  assert.equal(group.length, 2);
  assert.deepEqual([...group], [a, b]);
  assert.equal(await b.join(), true);
  assert.equal(group.has(b), false, 'a dead greenlet is no member, even before its link fires');
  assert.equal(group.length, 1);
  await group.add(a);
  await group.add(b);
  assert.equal(group.length, 1, 'adding a member or a dead greenlet does nothing');
  group.discard(a);
  assert.equal(group.has(a), false);
  assert.equal(group.length, 0);
  assert.equal(a.dead, false, 'discard does not kill');
  group.discard(a);
  assert.equal(group.has(42), false);
  gate.set();
  await a.join();
});

test('a member leaves by itself when it dies: join resolves true once empty', async () => {
  const group = new Group();
  const gs = await Promise.all([1, 2, 3].map((n) => group.spawn(async () => {
    await sleep(0);
    return n;
  })));
  assert.equal(await group.join(), true);
  assert.equal(group.length, 0);
  assert.deepEqual(gs.map((g) => g.value), [1, 2, 3]);
  assert.equal(await new Group().join(), true);
});

test('join with a timeout resolves false while members run', async () => {
  const pool = new Pool(2);
  const gate = new Event();
  await pool.spawn(() => gate.wait());
  assert.equal(await pool.join({ timeout: 0.01 }), false);
  assert.equal(pool.length, 1);
  gate.set();
  assert.equal(await pool.join({ timeout: null }), true);
});

test('join raiseError throws the first member error at once; without failures resolves true', async () => {
  await quietly(async () => {
    const group = new Group();
    const gate = new Event();
    const slow = await group.spawn(() => gate.wait());
    const boom = new Error('boom');
    await group.spawn(async () => {
      await sleep(0);
      throw boom;
    });
    await assert.rejects(group.join({ raiseError: true }), (e) => e === boom);
    assert.equal(slow.dead, false);
    gate.set();
    assert.equal(await group.join({ raiseError: true }), true);
  });
});

test('kill kills every member: length 0 and nothing left running', async () => {
  await quietly(async () => {
    const pool = new Pool(3);
    const never = new Event();
    const gs = [await pool.spawn(() => never.wait()), await pool.spawn(() => never.wait())];
    const unstarted = new Greenlet(() => never.wait());
    await pool.add(unstarted);
    await pool.kill();
    assert.equal(pool.length, 0);
    assert.ok([...gs, unstarted].every((g) => g.dead && (g.value as unknown) instanceof GreenletExit));
    await pool.kill();
  });
});

test('kill with an exception; block: false does not wait for the greenlets to die', async () => {
  await quietly(async () => {
    const group = new Group();
    const never = new Event();
    const g = await group.spawn(() => never.wait());
    const stubborn = new Event();
    const release = new Event();
    const h = await group.spawn(async () => {
      try {
        await never.wait();
      } catch {
        stubborn.set();
        await release.wait();
      }
    });
    await sleep(0);
    const stop = new Error('stop');
    await group.kill({ exception: stop, block: false });
    await stubborn.wait();
    assert.equal(h.dead, false, 'block: false returned while a member still runs');
    release.set();
    assert.equal(await group.join(), true);
    assert.equal(g.exception, stop);
  });
});

test('kill from inside a member kills the others, then the caller', async () => {
  await quietly(async () => {
    const group = new Group();
    const never = new Event();
    const other = await group.spawn(() => never.wait());
    const killer = await group.spawn(async () => {
      await sleep(0);
      await group.kill();
      return 'not reached';
    });
    await killer.join();
    assert.ok((killer.value as unknown) instanceof GreenletExit);
    assert.equal(other.dead, true);
    assert.equal(group.length, 0);
  });
});

test('killone kills one member only; a non-member is left alone', async () => {
  await quietly(async () => {
    const group = new Group();
    const never = new Event();
    const a = await group.spawn(() => never.wait());
    const b = await group.spawn(() => never.wait());
    await sleep(0);
    await group.killone(a);
    assert.equal(a.dead, true);
    assert.equal(group.has(a), false);
    assert.deepEqual([...group], [b]);
    const outsider = spawn(() => never.wait());
    await group.killone(outsider);
    assert.equal(outsider.dead, false);
    await group.killone(b, { exception: new Error('cancelled'), timeout: 1 });
    assert.equal((b.exception as Error).message, 'cancelled');
    assert.equal(group.length, 0);
    await outsider.kill();
  });
});

test('map returns results in input order', async () => {
  const pool = new Pool(2);
  const gates = [new Event(), new Event(), new Event()];
  const finished: number[] = [];
  const work = async (i: number): Promise<number> => {
    await gates[i]!.wait();
    finished.push(i);
    gates[i - 1]?.set();
    return i * 10;
  };
  const mapping = pool.map(work, [0, 1, 2]);
  await turns();
  gates[1]!.set(); // 1 finishes, frees a slot for 2, then opens 0
  await turns();
  gates[2]!.set();
  assert.deepEqual(await mapping, [0, 10, 20]);
  assert.deepEqual(finished, [1, 0, 2]);
  assert.deepEqual(await new Group().map((x: string) => x + x, new Set(['a', 'b'])), ['aa', 'bb']);
  assert.deepEqual(await pool.map((x: number) => x, []), []);
});

test('imap yields in input order; imapUnordered in completion order', async () => {
  const group = new Group();
  const gates = [new Event(), new Event(), new Event()];
  const work = async (i: number): Promise<number> => {
    await gates[i]!.wait();
    gates[i - 1]?.set();
    return i;
  };
  const ordered: number[] = [];
  const consuming = (async () => {
    for await (const v of group.imap(work, [0, 1, 2])) ordered.push(v);
  })();
  gates[2]!.set();
  await consuming;
  assert.deepEqual(ordered, [0, 1, 2]);

  const open = [new Event(), new Event(), new Event()];
  const it = group.imapUnordered((i: number) => open[i]!.wait().then(() => i), [0, 1, 2]);
  for (const i of [2, 0, 1]) {
    open[i]!.set();
    assert.deepEqual(await it.next(), { done: false, value: i });
  }
  assert.deepEqual(await it.next(), { done: true, value: undefined });
});

test('a Pool runs at most size imap workers at once', async () => {
  const pool = new Pool(2);
  const gate = new Event();
  let running = 0;
  let most = 0;
  const work = async (i: number): Promise<number> => {
    most = Math.max(most, ++running);
    await gate.wait();
    await sleep(0);
    running--;
    return i;
  };
  const seen: number[] = [];
  const consuming = (async () => {
    for await (const v of pool.imapUnordered(work, [1, 2, 3, 4, 5, 6])) seen.push(v);
  })();
  for (let n = 0; running < 2 && n < 1000; n++) await sleep(0);
  await turns();
  assert.equal(running, 2);
  gate.set();
  await consuming;
  assert.deepEqual(seen.sort(), [1, 2, 3, 4, 5, 6]);
  assert.equal(most, 2);
});

test('input may be an async iterable', async () => {
  async function* numbers(): AsyncGenerator<number> {
    for (let i = 1; i <= 4; i++) {
      await sleep(0);
      yield i;
    }
  }
  assert.deepEqual(await new Pool(2).map(async (n: number) => n * n, numbers()), [1, 4, 9, 16]);
});

test('the first error ends map and leaves no greenlet running', async () => {
  await quietly(async () => {
    const pool = new Pool(2);
    const never = new Event();
    const boom = new Error('boom');
    const work = async (i: number): Promise<void> => {
      if (i === 1) throw boom;
      await never.wait();
    };
    await assert.rejects(pool.map(work, [0, 1, 2, 3]), (e) => e === boom);
    assert.equal(pool.length, 0);
  });
});

test('the first error ends imapUnordered after the values before it; the rest is killed', async () => {
  await quietly(async () => {
    const group = new Group();
    const never = new Event();
    const work = async (i: number): Promise<number> => {
      if (i === 2) {
        await sleep(0);
        throw new Error(`bad ${i}`);
      }
      if (i === 0) return i;
      await never.wait();
      return i;
    };
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const v of group.imapUnordered(work, [0, 1, 2, 3])) seen.push(v);
      })(),
      /bad 2/,
    );
    assert.deepEqual(seen, [0]);
    assert.equal(group.length, 0);
  });
});

test('an error thrown by the input iterable ends the iteration', async () => {
  await quietly(async () => {
    function* items(): Generator<number> {
      yield 1;
      throw new Error('input broke');
    }
    await assert.rejects(new Pool(2).map(async (n: number) => n, items()), /input broke/);
  });
});

test('a worker killed from outside ends the iteration with its GreenletExit', async () => {
  await quietly(async () => {
    const pool = new Pool(2);
    const never = new Event();
    const mapping = pool.map(() => never.wait(), [1]);
    await turns();
    await pool.kill();
    await assert.rejects(mapping, GreenletExit);
  });
});

test('breaking out of for-await early stops the remaining work and closes the input', async () => {
  await quietly(async () => {
    const pool = new Pool(2);
    let closed = false;
    function* forever(): Generator<number> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    for await (const v of pool.imap(async (i: number) => {
      await sleep(0);
      return i;
    }, forever())) {
      seen.push(v);
      if (seen.length === 3) break;
    }
    assert.deepEqual(seen, [0, 1, 2]);
    assert.equal(closed, true);
    assert.equal(pool.length, 0);
  });
});

test('killing the consumer, or a Timeout reaching it, stops the map work too', async () => {
  await quietly(async () => {
    const pool = new Pool(2);
    const never = new Event();
    const started = new Event();
    const work = async (): Promise<void> => {
      started.set();
      await never.wait();
    };
    const consumer = spawn(async () => {
      for await (const _ of pool.imap(work, [1, 2, 3])) assert.fail('no value expected');
    });
    await started.wait();
    await consumer.kill();
    assert.equal(pool.length, 0);
    await assert.rejects(withTimeout(0.01, () => pool.map(work, [1, 2, 3])), Timeout);
    assert.equal(pool.length, 0);
  });
});

/** An async source that yields `items`, then waits forever in next() (an idle socket). */
function stalling<T>(items: T[]): AsyncIterable<T> & { returned: boolean; pending: boolean } {
  const source = {
    returned: false,
    pending: false,
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next: (): Promise<IteratorResult<T>> => {
          if (i < items.length) return Promise.resolve({ done: false, value: items[i++]! });
          source.pending = true;
          return new Promise(() => {});
        },
        return: (): Promise<IteratorResult<T>> => {
          source.returned = true;
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
  return source;
}

test("breaking out of imap over an async source does not wait for the source's pending next()", async () => {
  await quietly(async () => {
    for (const pool of [new Pool(2), new Group()]) {
      const source = stalling([1, 2]);
      const seen: number[] = [];
      const done = (async () => {
        for await (const v of pool.imap((i: number) => i * 10, source)) {
          seen.push(v);
          if (seen.length === 2) break;
        }
        return 'ended';
      })();
      assert.equal(await withTimeout(2, () => waitFor(done), { timeoutValue: 'hung' }), 'ended');
      assert.deepEqual(seen, [10, 20]);
      assert.equal(source.pending, true, 'the feeder was blocked in next()');
      assert.equal(source.returned, true, 'the source is told to close');
      assert.equal(pool.length, 0);
    }
  });
});

test("map rejecting on its first error does not wait for the source's pending next()", async () => {
  await quietly(async () => {
    const source = stalling([1, 2, 3]);
    const failing = new Pool(4).map((i: number) => {
      if (i === 2) throw new Error('item 2 failed');
      return i;
    }, source);
    const outcome = await withTimeout(2, () => waitFor(failing).then(() => 'resolved', (e: Error) => e.message), { timeoutValue: 'hung' });
    assert.equal(outcome, 'item 2 failed');
  });
});

/**
 * Let the hub and the event loop run until `count()` stops changing (the
 * feeder is parked): unchanged over five looks in a row, so a loaded machine
 * that runs the feeder late is not taken for a parked one.
 */
async function untilQuiet(count: () => number): Promise<void> {
  let last = -1;
  for (let i = 0, still = 0; i < 1000 && still < 5; i++) {
    still = count() === last ? still + 1 : 0;
    last = count();
    await sleep(0.005);
  }
}

test('ordered imap behind a slow head item keeps at most maxsize items launched ahead of the reader', async () => {
  await quietly(async () => {
    const head = new Event();
    let calls = 0;
    const pool = new Pool(4);
    const work = async (i: number): Promise<number> => {
      calls++;
      if (i === 0) await head.wait();
      return i;
    };
    function* endless(): Generator<number> {
      for (let i = 0; ; i++) yield i;
    }
    const it = pool.imap(work, endless(), { maxsize: 10 })[Symbol.asyncIterator]();
    const first = it.next();
    await untilQuiet(() => calls);
    assert.equal(calls, 10, 'exactly maxsize items launched behind a blocked head');
    head.set();
    assert.deepEqual(await first, { done: false, value: 0 });
    await it.return?.(undefined);
    // The default bound holds too (1024, or twice the pool size).
    const gate = new Event();
    let n = 0;
    const it2 = new Pool(2).imap(async (i: number) => {
      n++;
      if (i === 0) await gate.wait();
      return i;
    }, endless())[Symbol.asyncIterator]();
    const head2 = it2.next();
    await untilQuiet(() => n);
    assert.equal(n, 1024, 'the default bound');
    gate.set();
    await head2;
    await it2.return?.(undefined);
    // A Pool larger than half the default keeps every slot busy: twice its size.
    const gate3 = new Event();
    let m = 0;
    const it3 = new Pool(600).imap(async (i: number) => {
      m++;
      if (i === 0) await gate3.wait();
      return i;
    }, endless())[Symbol.asyncIterator]();
    const head3 = it3.next();
    await untilQuiet(() => m);
    assert.equal(m, 1200, 'twice the size of a Pool(600)');
    gate3.set();
    await head3;
    await it3.return?.(undefined);
  });
});

test('imap maxsize: a positive integer or null (unbounded)', () => {
  const pool = new Pool(2);
  for (const bad of [0, -1, 1.5, NaN]) assert.throws(() => pool.imap((x) => x, [], { maxsize: bad }), { name: 'RangeError', message: /options\.maxsize/ });
  assert.throws(() => pool.imapUnordered((x) => x, [], { maxsize: '3' as never }), { name: 'TypeError', message: /options\.maxsize/ });
  assert.throws(() => pool.imap((x) => x, [], 5 as never), { name: 'TypeError', message: /options/ });
  pool.imap((x) => x, [], { maxsize: null });
});

test('an imap that is never iterated starts nothing', async () => {
  const before = getHub().liveGreenlets;
  let called = false;
  new Group().imap(() => (called = true), [1, 2]);
  await turns();
  assert.equal(called, false);
  assert.equal(getHub().liveGreenlets, before);
});

test('apply runs in the pool and resolves to the result or throws the error', async () => {
  await quietly(async () => {
    const pool = new Pool(1);
    let member = false;
    assert.equal(await pool.apply(async (a: number, b: number) => {
      member = pool.has(getCurrent());
      return a + b;
    }, [1, 2]), 3);
    assert.equal(member, true);
    assert.equal(await pool.apply(() => 'no args'), 'no args');
    await assert.rejects(pool.apply(async () => {
      throw new Error('failed');
    }), /failed/);
  });
});

test('apply from inside a full pool runs directly instead of deadlocking', async () => {
  const pool = new Pool(1);
  const g = await pool.spawn(() => pool.apply((x: number) => x + 1, [41]));
  assert.equal(await g.get(), 42);
});

test('applyAsync resolves to the greenlet; the callback gets the value on success only', async () => {
  await quietly(async () => {
    const pool = new Pool(2);
    const got = new AsyncResult<number>();
    const g = await pool.applyAsync(async (n: number) => n * 2, [21], (v) => got.set(v));
    assert.ok(g instanceof Greenlet);
    assert.equal(await got.get(), 42);
    let called = false;
    const bad = await pool.applyAsync(async () => {
      throw new Error('no');
    }, null, () => (called = true));
    await bad.join();
    await turns();
    assert.equal(called, false);
    assert.equal(await (await pool.applyAsync(async () => 'plain')).get(), 'plain');
  });
});

test('waitAvailable resolves true when a slot frees without taking it, false on timeout', async () => {
  const pool = new Pool(1);
  assert.equal(await pool.waitAvailable(), true);
  const gate = new Event();
  await pool.spawn(() => gate.wait());
  assert.equal(await pool.waitAvailable(0.01), false);
  let available = false;
  const waiting = pool.waitAvailable().then((v) => (available = v));
  await turns();
  assert.equal(available, false);
  gate.set();
  await waiting;
  assert.equal(available, true);
  assert.equal(pool.freeCount(), 1);
  assert.equal(await new Pool().waitAvailable(), true);
});

test('bad arguments fail with a TypeError or RangeError naming the argument', async () => {
  const pool = new Pool(2);
  const notFn = 42 as unknown as () => void;
  assert.throws(() => pool.spawn(notFn), { name: 'TypeError', message: /fn/ });
  assert.throws(() => pool.add(null as unknown as Greenlet), { name: 'TypeError', message: /greenlet/ });
  assert.throws(() => pool.killone({} as Greenlet), { name: 'TypeError', message: /greenlet/ });
  assert.throws(() => pool.map((x) => x, 42 as unknown as number[]), { name: 'TypeError', message: /iterable/ });
  assert.throws(() => pool.imap(notFn, []), { name: 'TypeError', message: /fn/ });
  assert.throws(() => pool.imapUnordered((x) => x, null as unknown as number[]), { name: 'TypeError', message: /iterable/ });
  assert.throws(() => pool.join('x' as never), { name: 'TypeError', message: /options/ });
  assert.throws(() => pool.join({ timeout: -1 }), { name: 'RangeError', message: /options\.timeout/ });
  assert.throws(() => pool.join({ raiseError: 1 as never }), { name: 'TypeError', message: /options\.raiseError/ });
  assert.throws(() => pool.kill({ block: 'no' as never }), { name: 'TypeError', message: /options\.block/ });
  assert.throws(() => pool.kill({ timeout: NaN }), { name: 'RangeError', message: /options\.timeout/ });
  assert.throws(() => pool.apply(notFn), { name: 'TypeError', message: /fn/ });
  assert.throws(() => pool.apply(() => 1, 'x' as never), { name: 'TypeError', message: /args/ });
  assert.throws(() => pool.applyAsync(() => 1, [], 5 as never), { name: 'TypeError', message: /callback/ });
  assert.throws(() => pool.waitAvailable(-1), { name: 'RangeError', message: /timeout/ });
  assert.equal(pool.length, 0);
});
