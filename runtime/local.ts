/**
 * `local`: an object whose properties are per greenlet (gevent.local).
 *
 * `new local()` returns a Proxy (see `keyed-local`). Every property operation goes to the current
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
import { KeyedLocal, LOCAL_OWNER } from './keyed-local.js';

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
export class local extends KeyedLocal {
  /** Each greenlet (the hub's main pseudo-greenlet counts as one) owns its properties. */
  static override [LOCAL_OWNER] = getCurrent;
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
