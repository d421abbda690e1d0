/**
 * Group and Pool: greenlets managed as a set.
 *
 * A Group tracks the greenlets spawned into (or added to) it, so they can be
 * waited for, killed, or used to map a function over an iterable, one greenlet
 * per item. A Pool is a Group with a capacity: `spawn` and `add` wait for a
 * free slot (back-pressure), so at most `size` of its greenlets run at once.
 *
 * A greenlet leaves its group when it dies, through a link. Because a link
 * fires on the hub's next turn, every observer (`has`, `length`, iteration,
 * `join`, `freeCount`) first drops members that are already dead: right after
 * `await g.join()` the group no longer counts `g`. A Pool's slots are a
 * {@link Semaphore}: FIFO, a freed slot goes straight to the first waiting
 * spawn, and a spawn interrupted while waiting leaves no trace.
 *
 * @module
 */
import { getCurrent } from './current.js';
import { GreenletExit } from './errors.js';
import { Greenlet, spawn } from './greenlet.js';
import { Semaphore } from './lock.js';
import { waitFor } from './sleep.js';
import { checkBoolean, checkFunction, checkInteger, checkIterable, checkOptions, checkSeconds } from './validate.js';
import { killAll, killException, type KillAllOptions } from './wait.js';
import { expireWith, park, WaitList, type Waiter } from './waiter.js';

/** Options of {@link Group.join}. */
export interface GroupJoinOptions {
  /** Seconds to wait; when they pass first, `join` resolves false. */
  timeout?: number | null;
  /** Throw the error of the first member that fails while `join` waits (default false). */
  raiseError?: boolean;
}

/** Options of {@link Group.imap} and {@link Group.imapUnordered}. */
export interface ImapOptions {
  /**
   * The most items launched ahead of the reader (running, or finished and
   * not yet taken); the input is read no further until the reader catches
   * up. Default {@link DEFAULT_IMAP_MAXSIZE} or twice a Pool's size if
   * larger; `null`: unbounded (gevent's default).
   */
  maxsize?: number | null;
}

/**
 * The default bound of `imap`/`imapUnordered` (see {@link ImapOptions}):
 * without one, a slow head item lets an ordered imap buffer results without
 * limit (hundreds of thousands of mapper calls in seconds with a Pool(4)).
 *
 * @example
 * pool.imap(fn, items, { maxsize: DEFAULT_IMAP_MAXSIZE * 4 });
 */
export const DEFAULT_IMAP_MAXSIZE = 1024;

type Task<A extends unknown[], T> = (...args: A) => T | PromiseLike<T>;
type Input<T> = Iterable<T> | AsyncIterable<T>;

const RESOLVED_TRUE = Promise.resolve(true);

function checkGreenlet(value: unknown): asserts value is Greenlet<any> {
  if (!(value instanceof Greenlet)) throw new TypeError(`greenlet must be a Greenlet, got ${typeof value}`);
}

function checkArgs<A extends unknown[]>(args: A | null | undefined): A {
  if (args == null) return [] as unknown[] as A;
  if (!Array.isArray(args)) throw new TypeError(`args must be an array, got ${typeof args}`);
  return args;
}

function parseKillOptions(options: KillAllOptions | undefined): { exception: Error; block: boolean; timeout: number | null } {
  checkOptions(options, 'options');
  const block = options?.block ?? true;
  checkBoolean(block, 'options.block');
  checkSeconds(options?.timeout, 'options.timeout');
  const exception = killException(options);
  return { exception, block, timeout: options?.timeout ?? null };
}

function failAll(list: WaitList | null, error: unknown): void {
  for (let w = list?.shift(); w; w = list!.shift()) w.fail(error);
}

/**
 * A set of greenlets that can be joined, killed and mapped over together.
 * Iterating it yields its live members.
 *
 * @example
 * const group = new Group();
 * await group.spawn(fetchUser, 1);
 * await group.spawn(fetchUser, 2);
 * await group.join();
 */
export class Group implements Iterable<Greenlet<any>> {
  /** @internal Free slots (a Pool's capacity); null when unbounded. */
  protected slots: Semaphore | null = null;
  private readonly members = new Set<Greenlet<any>>();
  private joiners: WaitList | null = null;
  private raisers: WaitList | null = null;
  private readonly onDeath = (g: Greenlet<any>): void => {
    if (!g.successful()) failAll(this.raisers, g.exception);
    this.leave(g);
  };

  /** The number of live greenlets in the group. */
  get length(): number {
    this.sweep();
    return this.members.size;
  }

  /**
   * True when `greenlet` is a live member.
   *
   * @example
   * if (!group.has(g)) await group.add(g);
   */
  has(greenlet: unknown): boolean {
    const g = greenlet as Greenlet<any>;
    if (!this.members.has(g)) return false;
    if (!g.dead) return true;
    this.leave(g);
    return false;
  }

  /**
   * The live members, a snapshot taken when iteration starts.
   *
   * @example
   * for (const g of group) console.log(g.name);
   */
  [Symbol.iterator](): Iterator<Greenlet<any>> {
    this.sweep();
    return [...this.members][Symbol.iterator]();
  }

  /**
   * Create a greenlet running `fn(...args)`, add it (a Pool first waits for a
   * free slot) and start it. Resolves to the greenlet.
   *
   * @example
   * const g = await pool.spawn(download, url);
   */
  spawn<T, A extends unknown[]>(fn: Task<A, T>, ...args: A): Promise<Greenlet<Awaited<T>, A>> {
    return this.addAndStart(new Greenlet(fn as Task<A, Awaited<T>>, ...args));
  }

  private async addAndStart<G extends Greenlet<any>>(g: G): Promise<G> {
    await this.add(g);
    g.start();
    return g;
  }

  /**
   * Add a greenlet (started or not); a Pool first waits for a free slot. It
   * leaves the group by itself when it dies. Adding a member or a dead
   * greenlet does nothing.
   *
   * @example
   * await group.add(Greenlet.spawn(work));
   */
  add(greenlet: Greenlet<any>): Promise<void> {
    checkGreenlet(greenlet);
    return this.addChecked(greenlet);
  }

  private async addChecked(greenlet: Greenlet<any>): Promise<void> {
    if (this.members.has(greenlet) || greenlet.dead) return;
    if (this.slots) {
      await this.slots.acquire();
      if (this.members.has(greenlet) || greenlet.dead) return this.slots.release();
    }
    this.members.add(greenlet);
    greenlet.rawlink(this.onDeath);
  }

  /**
   * Remove a greenlet without killing it (frees its slot in a Pool).
   *
   * @example
   * group.discard(g); // g runs on, untracked
   */
  discard(greenlet: Greenlet<any>): void {
    this.leave(greenlet);
  }

  /**
   * Wait until the group is empty. Resolves true, or false when `timeout`
   * seconds pass first. With `raiseError`, throws the error of the first
   * member that fails while `join` waits (at once, not when the group is
   * empty); members already dead when `join` is called are not reported.
   *
   * @example
   * if (!(await group.join({ timeout: 5 }))) console.log(group.length, 'still running');
   * await group.join({ raiseError: true });
   */
  join(options?: GroupJoinOptions): Promise<boolean> {
    checkOptions(options, 'options');
    const raiseError = options?.raiseError ?? false;
    checkBoolean(raiseError, 'options.raiseError');
    checkSeconds(options?.timeout, 'options.timeout');
    if (this.members.size === 0) return RESOLVED_TRUE;
    const list = raiseError ? (this.raisers ??= new WaitList()) : (this.joiners ??= new WaitList());
    const w = park<boolean>(list, this, 'join', options?.timeout, expireWith(false));
    if (!raiseError) w.exitValue = false;
    this.sweep();
    return w.promise;
  }

  /**
   * Kill every member (default with GreenletExit); with `block` (default)
   * wait until they are dead, at most `timeout` seconds. Called from a member,
   * the others are killed first, then the caller.
   *
   * @example
   * await group.kill({ timeout: 5 });
   */
  kill(options?: KillAllOptions): Promise<void> {
    return this.killParsed(parseKillOptions(options));
  }

  private async killParsed(parsed: ReturnType<typeof parseKillOptions>): Promise<void> {
    const me = getCurrent();
    await killAll([...this].filter((g) => g !== me), parsed);
    if (this.members.has(me)) await me.kill(parsed.exception);
  }

  /**
   * Kill one member (nothing happens if it is not one), as `greenlet.kill()`.
   *
   * @example
   * await pool.killone(g, { exception: new Error('cancelled') });
   */
  killone(greenlet: Greenlet<any>, options?: KillAllOptions): Promise<void> {
    checkGreenlet(greenlet);
    return this.killMember(greenlet, parseKillOptions(options));
  }

  private async killMember(greenlet: Greenlet<any>, { exception, block, timeout }: ReturnType<typeof parseKillOptions>): Promise<void> {
    if (!this.has(greenlet)) return;
    await greenlet.kill(exception, { block, timeout });
    if (greenlet.dead) this.leave(greenlet);
  }

  /**
   * Run `fn(item)` for every item (iterable or async iterable) in its own
   * member greenlet; resolves to the results in input order. The first error
   * rejects at once and kills the work still running.
   *
   * @example
   * const sizes = await new Pool(4).map(async (url: string) => (await get(url)).length, urls);
   */
  map<T, R>(fn: (item: T) => R | PromiseLike<R>, iterable: Input<T>): Promise<Awaited<R>[]> {
    checkFunction(fn, 'fn');
    checkIterable(iterable, 'iterable');
    // Every result is kept anyway: no bound on how far the input is read ahead.
    return collect(this.results(new MapRun(this, fn as (item: T) => Awaited<R>, iterable, true, Infinity)));
  }

  /**
   * Like {@link Group.map}, as an async iterable of the results in input order.
   * The first error ends the iteration by throwing it; an error or an early
   * `break` kills the work still running before the loop exits, even when
   * the input is an async source stuck in `next()` (the source is told to
   * `return()`, not waited for). At most `options.maxsize` items are launched
   * ahead of the reader.
   *
   * @example
   * for await (const page of pool.imap(fetchPage, pageNumbers())) render(page);
   */
  imap<T, R>(fn: (item: T) => R | PromiseLike<R>, iterable: Input<T>, options?: ImapOptions): AsyncGenerator<Awaited<R>, void, undefined> {
    return this.mapRun(fn, iterable, options, true);
  }

  /**
   * Like {@link Group.imap}, but yields each result as soon as it is ready
   * (completion order).
   *
   * @example
   * for await (const reply of pool.imapUnordered(ping, hosts)) console.log(reply);
   */
  imapUnordered<T, R>(fn: (item: T) => R | PromiseLike<R>, iterable: Input<T>, options?: ImapOptions): AsyncGenerator<Awaited<R>, void, undefined> {
    return this.mapRun(fn, iterable, options, false);
  }

  private mapRun<T, R>(fn: (item: T) => R | PromiseLike<R>, iterable: Input<T>, options: ImapOptions | undefined, ordered: boolean): AsyncGenerator<Awaited<R>, void, undefined> {
    checkFunction(fn, 'fn');
    checkIterable(iterable, 'iterable');
    checkOptions(options, 'options');
    const maxsize = options?.maxsize;
    if (maxsize != null) checkInteger(maxsize, 'options.maxsize', 1);
    const bound = maxsize === null ? Infinity : maxsize ?? this.defaultImapMaxsize();
    return this.results(new MapRun(this, fn as (item: T) => Awaited<R>, iterable, ordered, bound));
  }

  /**
   * Run `fn(...args)` in a member greenlet and resolve to its result (or
   * throw its error). Called from a member, runs `fn` directly, so a full
   * Pool cannot deadlock on itself.
   *
   * @example
   * const row = await pool.apply(query, ['SELECT 1']);
   */
  apply<T, A extends unknown[]>(fn: Task<A, T>, args?: A | null): Promise<Awaited<T>> {
    checkFunction(fn, 'fn');
    return this.applyChecked(fn, checkArgs(args));
  }

  private async applyChecked<T, A extends unknown[]>(fn: Task<A, T>, list: A): Promise<Awaited<T>> {
    if (this.has(getCurrent())) return await fn(...list);
    return (await this.spawn(fn, ...list)).get();
  }

  /**
   * Spawn `fn(...args)` and resolve to the greenlet; `callback(value)` is
   * called from the hub if it succeeds.
   *
   * @example
   * await pool.applyAsync(resize, [image], (thumb) => cache.set(image, thumb));
   */
  applyAsync<T, A extends unknown[]>(
    fn: Task<A, T>,
    args?: A | null,
    callback?: ((value: Awaited<T>) => unknown) | null,
  ): Promise<Greenlet<Awaited<T>, A>> {
    checkFunction(fn, 'fn');
    const list = checkArgs(args);
    if (callback != null) checkFunction(callback, 'callback');
    const g = new Greenlet(fn as Task<A, Awaited<T>>, ...list);
    if (callback != null) g.linkValue((done) => callback(done.value as Awaited<T>));
    return this.addAndStart(g);
  }

  /** @internal The `maxsize` of an imap without one. */
  protected defaultImapMaxsize(): number {
    return DEFAULT_IMAP_MAXSIZE;
  }

  /** @internal Drop members that died before their link fired. */
  protected sweep(): void {
    for (const g of this.members) if (g.dead) this.leave(g);
  }

  private leave(g: Greenlet<any>): void {
    if (!this.members.delete(g)) return;
    g.unlink(this.onDeath);
    this.slots?.release();
    if (this.members.size > 0) return;
    this.joiners?.wakeAll(true);
    this.raisers?.wakeAll(true);
  }

  private async *results<R>(run: MapRun<any, R>): AsyncGenerator<R, void, undefined> {
    run.start();
    try {
      for (let step = await run.next(); !step.done; step = await run.next()) yield step.value;
    } finally {
      await run.close();
    }
  }
}

async function collect<R>(results: AsyncIterable<R>): Promise<R[]> {
  const all: R[] = [];
  for await (const value of results) all.push(value);
  return all;
}

/** Tell an input iterator to clean up, without waiting: an async one may be stuck in `next()`. */
function closeQuietly(it: Iterator<unknown> | AsyncIterator<unknown>): void {
  try {
    const r = it.return?.() as unknown;
    if (r !== null && typeof r === 'object' && typeof (r as PromiseLike<unknown>).then === 'function') (r as PromiseLike<unknown>).then(undefined, noop);
  } catch {
    // its cleanup failed: the run ends anyway
  }
}

function noop(): void {}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * A Group with a capacity: at most `size` members at once; `spawn` and `add`
 * wait for a free slot. `new Pool()` (or `null`) is unbounded.
 *
 * @example
 * const pool = new Pool(10);
 * for (const url of urls) await pool.spawn(download, url); // never more than 10 at once
 * await pool.join();
 */
export class Pool extends Group {
  /** The capacity; null when unbounded. */
  readonly size: number | null;

  /** @param size - a positive integer, or null/undefined for no limit. */
  constructor(size?: number | null) {
    super();
    if (size != null) {
      checkInteger(size, 'size', 1);
      this.slots = new Semaphore(size);
    }
    this.size = size ?? null;
  }

  /** @internal Twice the size when that is more than the default: every slot stays busy. */
  protected override defaultImapMaxsize(): number {
    return Math.max(DEFAULT_IMAP_MAXSIZE, 2 * (this.size ?? 0));
  }

  /**
   * True when a `spawn` now would wait.
   *
   * @example
   * if (pool.full()) console.log('busy');
   */
  full(): boolean {
    return this.freeCount() === 0;
  }

  /**
   * Free slots now (`Infinity` when unbounded).
   *
   * @example
   * console.log(`${pool.freeCount()} of ${pool.size} free`);
   */
  freeCount(): number {
    if (!this.slots) return Infinity;
    this.sweep();
    return this.slots.counter;
  }

  /**
   * Wait until a slot is free, without taking it. Resolves true, or false
   * when `timeout` seconds pass first. (A spawn queued earlier may still take
   * the slot before the caller uses it.)
   *
   * @example
   * if (await pool.waitAvailable(1)) await pool.spawn(job);
   */
  waitAvailable(timeout?: number | null): Promise<boolean> {
    checkSeconds(timeout, 'timeout');
    return this.waitSlot(timeout);
  }

  private async waitSlot(timeout: number | null | undefined): Promise<boolean> {
    if (!this.slots) return true;
    this.sweep();
    if (!(await this.slots.acquire(true, timeout))) return false;
    this.slots.release();
    return true;
  }
}

/**
 * One `imap`/`imapUnordered` run. A feeder greenlet reads the input and adds
 * one unstarted worker per item to the group (waiting for a Pool slot), so a
 * worker is tracked before it can run and `close()` can kill everything.
 * Finished values wait here, keyed by input index, until the consumer takes them.
 */
class MapRun<T, R> {
  private readonly values = new Map<number, R>();
  private readonly workers = new Set<Greenlet<R>>();
  private feeder: Greenlet<void> | null = null;
  private failure: { error: unknown } | null = null;
  private waiter: Waiter<void> | null = null;
  private feederWaiter: Waiter<void> | null = null;
  private launched = 0;
  private taken = 0;
  private feeding = true;
  private closed = false;

  constructor(
    private readonly group: Group,
    private readonly fn: (item: T) => R | PromiseLike<R>,
    private readonly input: Input<T>,
    private readonly ordered: boolean,
    private readonly maxsize: number,
  ) {}

  start(): void {
    this.feeder = spawn(() => this.feed());
    this.feeder.name = `${this.group.constructor.name}.imap feeder`;
  }

  /** The next value in order (or completion order); throws the first failure. */
  async next(): Promise<IteratorResult<R, undefined>> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      const key = this.ordered ? this.taken : this.values.keys().next().value;
      if (key !== undefined && this.values.has(key)) {
        const value = this.values.get(key)!;
        this.values.delete(key);
        this.taken++;
        this.feederWaiter?.wake(undefined);
        return { done: false, value };
      }
      if (!this.feeding && this.taken === this.launched) return { done: true, value: undefined };
      this.waiter = park<void>(null, this.group, 'imap');
      await this.waiter.promise;
    }
  }

  /** Stop reading the input and kill the feeder and every worker still alive. */
  close(): Promise<void> {
    this.closed = true;
    return killAll([this.feeder!, ...this.workers]);
  }

  /**
   * Read the input one item at a time, each read a switch point: an async
   * source's `next()` is awaited through `waitFor`, so `close()` can kill the
   * feeder while the source is idle (a socket with no data) instead of
   * waiting for it. A sync iterable's promised items are awaited the same way
   * (as `for await` would).
   */
  private async feed(): Promise<void> {
    const input = this.input as Partial<AsyncIterable<T>> & Iterable<T>;
    const isAsync = typeof input[Symbol.asyncIterator] === 'function';
    const it: Iterator<T> | AsyncIterator<T> = isAsync ? input[Symbol.asyncIterator]!() : input[Symbol.iterator]();
    let exhausted = false;
    try {
      for (;;) {
        await this.roomAhead();
        if (this.closed) return;
        let step: IteratorResult<T>;
        try {
          const next = it.next();
          step = isAsync ? await waitFor(Promise.resolve(next as Promise<IteratorResult<T>>)) : (next as IteratorResult<T>);
        } catch (error) {
          exhausted = !this.closed; // the input's own failure ends it; a kill while reading does not
          throw error;
        }
        if (step.done) {
          exhausted = true;
          return;
        }
        await this.launch(isThenable(step.value) ? ((await waitFor(step.value)) as T) : step.value);
      }
    } catch (error) {
      this.fail(error);
    } finally {
      if (!exhausted) closeQuietly(it);
      this.feeding = false;
      this.waiter?.wake(undefined);
    }
  }

  /** Wait while `maxsize` items are launched and not yet taken by the reader. */
  private async roomAhead(): Promise<void> {
    while (this.launched - this.taken >= this.maxsize && !this.closed) {
      this.feederWaiter = park<void>(null, this.group, 'imap (reader behind)');
      await this.feederWaiter.promise;
      this.feederWaiter = null;
    }
  }

  private async launch(item: T): Promise<void> {
    const index = this.launched++;
    const g = new Greenlet(this.fn, item);
    this.workers.add(g);
    g.link((done) => this.finished(index, done));
    await this.group.add(g);
    g.start();
  }

  private finished(index: number, g: Greenlet<R>): void {
    this.workers.delete(g);
    if (!g.successful()) this.fail(g.exception);
    else if (g.value instanceof GreenletExit) this.fail(g.value);
    else this.values.set(index, g.value as R);
    this.waiter?.wake(undefined);
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }
}
