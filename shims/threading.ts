/**
 * The `threading` facade: what `import … from 'threading'` resolves to under
 * the loader, and what `green-loader/threading` is.
 *
 * Every export is an `export let` live binding that starts as the native
 * implementation (real threads) and is reassigned only here, by the setter
 * registered with the facade registry, when monkey patching swaps in the green
 * implementation (or restores the native one). So `import { Thread } from
 * 'threading'` sees a patch or an unpatch made after the import.
 *
 * The native implementation is loaded only when a value of it is needed: a
 * facade whose patch is pending (the preload's GREEN_PATCH) comes up green
 * and never loads it unless an original is asked for (`getOriginal`,
 * `saved`, `unpatch`); see shims/shared/live-facades.ts.
 *
 * @example
 * import { Thread, Lock } from 'green-loader/threading';
 * const t = new Thread({ target: () => console.log('hi') });
 * await t.start(); await t.join();
 *
 * @module
 */
import type * as native from './native/threading.js';
import { nativeExports, registerFacade } from './shared/live-facades.js';

/** A thread of control; native: a worker thread, patched: a greenlet. @example new Thread({ target: work, args: [1] }).start(); */
export let Thread: typeof native.Thread;
/** The Thread object of the caller. @example current_thread().name; */
export let current_thread: typeof native.current_thread;
/** The main Thread object. @example main_thread() === current_thread(); */
export let main_thread: typeof native.main_thread;
/** Identity of the calling thread. @example const id = get_ident(); */
export let get_ident: typeof native.get_ident;
/** OS thread id of the caller. @example get_native_id(); */
export let get_native_id: typeof native.get_native_id;
/** Number of live Thread objects. @example active_count(); */
export let active_count: typeof native.active_count;
/** The live Thread objects. @example for (const t of enumerate()) console.log(t.name); */
export let enumerate: typeof native.enumerate;
/** A primitive lock. @example const l = new Lock(); await l.acquire(); l.release(); */
export let Lock: typeof native.Lock;
/** A reentrant lock. @example const r = new RLock(); */
export let RLock: typeof native.RLock;
/** A condition variable. @example const c = new Condition(); */
export let Condition: typeof native.Condition;
/** A counting semaphore. @example const s = new Semaphore(2); */
export let Semaphore: typeof native.Semaphore;
/** A semaphore that refuses extra releases. @example new BoundedSemaphore(1); */
export let BoundedSemaphore: typeof native.BoundedSemaphore;
/** A settable flag that threads wait on. @example const e = new Event(); e.set(); */
export let Event: typeof native.Event;
/** A barrier for a fixed number of parties. @example new Barrier(3); */
export let Barrier: typeof native.Barrier;
/** Raised by a broken or reset Barrier. @example if (e instanceof BrokenBarrierError) …; */
export let BrokenBarrierError: typeof native.BrokenBarrierError;
/** A thread that runs a function after a delay. @example new Timer(1, fn).start(); */
export let Timer: typeof native.Timer;
/** Thread-local data. @example const data = new local(); */
export let local: typeof native.local;
/** Called for an uncaught error in a thread; replace it with monkey.patchItem. @example patchItem('threading', 'excepthook', args => log(args)); */
export let excepthook: typeof native.excepthook;
/** Largest timeout accepted by blocking calls, in seconds. @example lock.acquire(true, TIMEOUT_MAX); */
export let TIMEOUT_MAX: typeof native.TIMEOUT_MAX;

registerFacade(
  'threading',
  nativeExports(import.meta.url, './native/threading.js', ['Thread', 'current_thread', 'main_thread', 'get_ident', 'get_native_id', 'active_count', 'enumerate', 'Lock', 'RLock', 'Condition', 'Semaphore', 'BoundedSemaphore', 'Event', 'Barrier', 'BrokenBarrierError', 'Timer', 'local', 'excepthook', 'TIMEOUT_MAX']),
  (attr, value: any) => {
    switch (attr) {
      case 'Thread': Thread = value; break;
      case 'current_thread': current_thread = value; break;
      case 'main_thread': main_thread = value; break;
      case 'get_ident': get_ident = value; break;
      case 'get_native_id': get_native_id = value; break;
      case 'active_count': active_count = value; break;
      case 'enumerate': enumerate = value; break;
      case 'Lock': Lock = value; break;
      case 'RLock': RLock = value; break;
      case 'Condition': Condition = value; break;
      case 'Semaphore': Semaphore = value; break;
      case 'BoundedSemaphore': BoundedSemaphore = value; break;
      case 'Event': Event = value; break;
      case 'Barrier': Barrier = value; break;
      case 'BrokenBarrierError': BrokenBarrierError = value; break;
      case 'Timer': Timer = value; break;
      case 'local': local = value; break;
      case 'excepthook': excepthook = value; break;
      case 'TIMEOUT_MAX': TIMEOUT_MAX = value; break;
    }
  },
);

// ---------------------------------------------------------------------------
// Types of the same names as the classes above, so that after
// `import * as threading from 'green-loader/threading'` (or bare 'threading')
// `let l: threading.Lock` compiles. They are the native classes' instance
// types: the green classes have the same public shape.
// ---------------------------------------------------------------------------

/** A Thread object. @example const t: Thread = new Thread({ target: work }); */
export type Thread = InstanceType<typeof Thread>;
/** A primitive lock. @example const l: Lock = new Lock(); */
export type Lock = InstanceType<typeof Lock>;
/** A reentrant lock. @example const r: RLock = new RLock(); */
export type RLock = InstanceType<typeof RLock>;
/** A condition variable. @example const c: Condition = new Condition(); */
export type Condition = InstanceType<typeof Condition>;
/** A counting semaphore. @example const s: Semaphore = new Semaphore(2); */
export type Semaphore = InstanceType<typeof Semaphore>;
/** A semaphore that refuses extra releases. @example const b: BoundedSemaphore = new BoundedSemaphore(1); */
export type BoundedSemaphore = InstanceType<typeof BoundedSemaphore>;
/** A settable flag. @example const e: Event = new Event(); */
export type Event = InstanceType<typeof Event>;
/** A barrier for a fixed number of parties. @example const b: Barrier = new Barrier(3); */
export type Barrier = InstanceType<typeof Barrier>;
/** The error of a broken or reset Barrier. @example catch (e) { if (e instanceof BrokenBarrierError) { const b: BrokenBarrierError = e; } } */
export type BrokenBarrierError = InstanceType<typeof BrokenBarrierError>;
/** A thread that runs a function after a delay. @example const t: Timer = new Timer(1, fn); */
export type Timer = InstanceType<typeof Timer>;
/** Thread-local data. @example const data: local = new local(); */
export type local = InstanceType<typeof local>;
export type {
  /** What `excepthook` receives. @example const hook = (args: ExceptHookArgs) => console.error(args.exc_value); */
  ExceptHookArgs,
  /** What a Thread runs: a function, or a module export for a native thread. @example const target: ThreadTarget = work; */
  ThreadTarget,
  /** A module export to run on a native thread. @example const target: ModuleTarget = { module: url, export: 'work' }; */
  ModuleTarget,
  /** The Thread constructor's options. @example const options: ThreadOptions = { target: work, args: [1] }; */
  ThreadOptions,
} from './native/threading.js';
