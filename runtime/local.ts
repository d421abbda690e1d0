/**
 * `local`: an object whose properties are per greenlet (gevent.local).
 *
 * `new local()` returns a Proxy. Every property operation goes to the current
 * greenlet's own dictionary (the hub's main pseudo-greenlet counts as one),
 * kept in a WeakMap keyed by the greenlet, so a dead greenlet's values are
 * dropped with it. The greenlet that constructs the object gets the
 * properties the constructor sets; any other greenlet, on its first access,
 * gets a fresh dictionary made by running the subclass's constructor again
 * in "plain" mode (the base constructor then returns an ordinary instance),
 * with the arguments the subclass passed to `super(…)`; then every property
 * the original construction set that the re-run left undefined is copied
 * from it — so `constructor(value) { super(); this.value = value; }` gives
 * every greenlet `value`, as Python re-runs `__init__` with the original
 * arguments, while `this.items = []` still gives each its own list. (A
 * re-run that throws gives a copy of the original properties.) So `class Conn extends local { db = open(); }` gives
 * each greenlet its own `db`, and methods, getters and setters of the
 * subclass see the current greenlet's properties through `this`.
 *
 * Limits: private `#fields` live on the shared object, not per greenlet, and
 * non-configurable properties cannot be defined on it.
 *
 * @module
 */
import { getCurrent } from './current.js';
import type { Greenlet } from './greenlet.js';

/** The class whose constructor is being re-run to build a greenlet's dictionary. */
let rebuilding: object | null = null;

/** Whether a constructor frame of `cls` is on the stack (a few frames up). */
function insideConstructorOf(cls: Function): boolean {
  const holder: { stack?: unknown } = {};
  const { prepareStackTrace, stackTraceLimit } = Error;
  Error.stackTraceLimit = 6;
  Error.prepareStackTrace = (_error, frames) => frames;
  try {
    Error.captureStackTrace(holder, insideConstructorOf);
    return (holder.stack as NodeJS.CallSite[]).some((frame) => frame.isConstructor() && frame.getFunctionName() === cls.name);
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Routes every operation on a local to the current greenlet's dictionary. */
class PerGreenlet implements ProxyHandler<local> {
  private readonly dicts = new WeakMap<Greenlet<any>, object>();
  private readonly cls: new (...args: unknown[]) => object;
  private readonly args: unknown[];
  /** What the subclass's constructor set on the first construction. */
  private readonly initial = new Map<string | symbol, PropertyDescriptor>();
  /** True until the construction is surely over (a microtask later). */
  private constructing: boolean;

  constructor(cls: new (...args: unknown[]) => object, args: unknown[]) {
    this.cls = cls;
    this.args = args;
    this.dicts.set(getCurrent(), Object.create(cls.prototype) as object);
    this.constructing = cls !== local;
    if (this.constructing) queueMicrotask(() => (this.constructing = false));
  }

  /** Note a property the subclass's constructor sets (its frame is on the stack). */
  private journal(key: string | symbol, descriptor: PropertyDescriptor): void {
    if (this.constructing && insideConstructorOf(this.cls)) this.initial.set(key, descriptor);
  }

  get(_target: object, key: string | symbol, receiver: unknown): unknown {
    return Reflect.get(this.dict(), key, receiver);
  }

  set(_target: object, key: string | symbol, value: unknown, receiver: unknown): boolean {
    this.journal(key, { value, writable: true, enumerable: true, configurable: true });
    return Reflect.set(this.dict(), key, value, receiver);
  }

  has(_target: object, key: string | symbol): boolean {
    return Reflect.has(this.dict(), key);
  }

  deleteProperty(_target: object, key: string | symbol): boolean {
    return Reflect.deleteProperty(this.dict(), key);
  }

  ownKeys(): (string | symbol)[] {
    return Reflect.ownKeys(this.dict());
  }

  getOwnPropertyDescriptor(_target: object, key: string | symbol): PropertyDescriptor | undefined {
    return Reflect.getOwnPropertyDescriptor(this.dict(), key);
  }

  defineProperty(_target: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.journal(key, descriptor);
    return Reflect.defineProperty(this.dict(), key, descriptor);
  }

  /** The current greenlet's dictionary, built by the constructor on first use. */
  private dict(): object {
    const g = getCurrent();
    let dict = this.dicts.get(g);
    if (!dict) {
      rebuilding = this.cls;
      try {
        dict = new this.cls(...this.args);
      } catch {
        dict = Object.create(this.cls.prototype) as object;
      } finally {
        rebuilding = null;
      }
      for (const [key, descriptor] of this.initial) {
        if ((dict as Record<string | symbol, unknown>)[key] === undefined) Object.defineProperty(dict, key, descriptor);
      }
      this.dicts.set(g, dict);
    }
    return dict;
  }
}

/**
 * Per-greenlet attribute storage; subclass it to give each greenlet its own
 * initial values (the no-argument constructor runs once per greenlet).
 *
 * @example
 * const ctx = new local();
 * ctx.user = 'ann';                       // only this greenlet sees it
 * spawn(() => console.log(ctx.user));     // undefined
 *
 * class Conn extends local { db = open(); query(sql: string) { return this.db.run(sql); } }
 * const conn = new Conn();                // each greenlet that uses conn gets its own db
 */
export class local {
  [attribute: string]: unknown;

  /** @param args what a subclass passes to `super(…)`; given again when the constructor re-runs for another greenlet. */
  constructor(...args: unknown[]) {
    if (new.target === rebuilding) {
      rebuilding = null;
      return;
    }
    return new Proxy<local>(this, new PerGreenlet(new.target, args));
  }
}

/**
 * The same class as {@link local}, under a JavaScript-style name.
 *
 * @example
 * class Session extends Local { cart: string[] = []; }
 */
export const Local = local;
/** The type of a {@link Local} instance. */
export type Local = local;
