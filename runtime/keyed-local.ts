/**
 * The machinery of a `local` (see `local`): an object whose properties are
 * per *owner* — per greenlet for the runtime's `local`, per native thread
 * for the native threading shim's. A subclass of {@link KeyedLocal} names
 * its owner with a static {@link LOCAL_OWNER} function; `new` returns a
 * Proxy that routes every property operation to the current owner's own
 * dictionary (kept in a WeakMap keyed by the owner), built for a new owner
 * by re-running the subclass's constructor with the arguments it passed to
 * `super(…)`, then copying what the first construction set that the re-run
 * left undefined.
 *
 * @module
 */

/**
 * Static key of the function that returns a local's current owner.
 *
 * @example
 * class local extends KeyedLocal { static override [LOCAL_OWNER] = getCurrent; }
 */
export const LOCAL_OWNER = Symbol('green-loader.localOwner');

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

/** Routes every operation on a local to the current owner's dictionary. */
class PerOwner implements ProxyHandler<KeyedLocal> {
  private readonly dicts = new WeakMap<object, object>();
  private readonly ownerOf: () => object;
  private readonly cls: new (...args: unknown[]) => object;
  private readonly args: unknown[];
  /** What the subclass's constructor set on the first construction. */
  private readonly initial = new Map<string | symbol, PropertyDescriptor>();
  /** True until the construction is surely over (a microtask later). */
  private constructing: boolean;

  constructor(cls: new (...args: unknown[]) => object, args: unknown[], ownerOf: () => object, base: Function) {
    this.cls = cls;
    this.args = args;
    this.ownerOf = ownerOf;
    this.dicts.set(ownerOf(), Object.create(cls.prototype) as object);
    this.constructing = cls !== base;
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

  /** The current owner's dictionary, built by the constructor on first use. */
  private dict(): object {
    const g = this.ownerOf();
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
 * The base of every `local` class: its properties are per owner (see the
 * module comment). Subclass it with a static {@link LOCAL_OWNER}.
 *
 * @example
 * const thread = {};
 * class PerThread extends KeyedLocal { static override [LOCAL_OWNER] = () => thread; }
 * const ctx = new PerThread();
 */
export class KeyedLocal {
  [attribute: string]: unknown;

  /** The owner of the properties read and written now (subclasses override it). */
  static [LOCAL_OWNER]: () => object = () => KeyedLocal;

  /** @param args what a subclass passes to `super(…)`; given again when the constructor re-runs for another owner. */
  constructor(...args: unknown[]) {
    if (new.target === rebuilding) {
      rebuilding = null;
      return;
    }
    const ownerOf = (new.target as unknown as typeof KeyedLocal)[LOCAL_OWNER];
    return new Proxy<KeyedLocal>(this, new PerOwner(new.target, args, ownerOf, firstLocal(new.target)));
  }
}

/** The first class below KeyedLocal in `cls`'s chain (a plain `local`, whose constructor sets nothing). */
function firstLocal(cls: Function): Function {
  let at = cls;
  while (Object.getPrototypeOf(at) !== KeyedLocal && Object.getPrototypeOf(at) !== Function.prototype) at = Object.getPrototypeOf(at) as Function;
  return at;
}
