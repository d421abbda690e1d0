/**
 * The `thread` facade (Python's `_thread`): what `import … from 'thread'`
 * resolves to under the loader, and what `green-loader/thread` is.
 *
 * Every export is an `export let` live binding that starts as the native
 * implementation and is reassigned only here, through the facade registry,
 * when monkey patching swaps implementations — so earlier imports see later
 * patches and unpatches.
 *
 * The native implementation is loaded only when a value of it is needed: a
 * facade whose patch is pending (the preload's GREEN_PATCH) comes up green
 * and never loads it unless an original is asked for (`getOriginal`,
 * `saved`, `unpatch`); see shims/shared/live-facades.ts.
 *
 * @example
 * import { start_new_thread, allocate_lock } from 'green-loader/thread';
 * const ident = start_new_thread(work, [1]);
 *
 * @module
 */
import type * as native from './native/thread.js';
import { nativeExports, registerFacade } from './shared/live-facades.js';

/** Start a thread running `fn(...args, kwargs?)`; returns its ident. @example start_new_thread(work, [1, 2]); */
export let start_new_thread: typeof native.start_new_thread;
/** A new primitive lock. @example const l = allocate_lock(); */
export let allocate_lock: typeof native.allocate_lock;
/** The primitive lock type. @example l instanceof LockType; */
export let LockType: typeof native.LockType;
/** Identity of the calling thread. @example get_ident(); */
export let get_ident: typeof native.get_ident;
/** OS thread id of the caller. @example get_native_id(); */
export let get_native_id: typeof native.get_native_id;
/** End the calling thread. @example exit(); */
export let exit: typeof native.exit;
/** Stack size used for new threads. @example stack_size(); */
export let stack_size: typeof native.stack_size;
/** Thread-local data (`_thread._local`). @example const data = new _local(); */
export let _local: typeof native._local;
/** Largest timeout accepted by blocking calls, in seconds. @example l.acquire(true, TIMEOUT_MAX); */
export let TIMEOUT_MAX: typeof native.TIMEOUT_MAX;
/** The module's error type (`_thread.error`). @example if (e instanceof error) …; */
export let error: typeof native.error;

registerFacade(
  'thread',
  nativeExports(import.meta.url, './native/thread.js', ['start_new_thread', 'allocate_lock', 'LockType', 'get_ident', 'get_native_id', 'exit', 'stack_size', '_local', 'TIMEOUT_MAX', 'error']),
  (attr, value: any) => {
    switch (attr) {
      case 'start_new_thread': start_new_thread = value; break;
      case 'allocate_lock': allocate_lock = value; break;
      case 'LockType': LockType = value; break;
      case 'get_ident': get_ident = value; break;
      case 'get_native_id': get_native_id = value; break;
      case 'exit': exit = value; break;
      case 'stack_size': stack_size = value; break;
      case '_local': _local = value; break;
      case 'TIMEOUT_MAX': TIMEOUT_MAX = value; break;
      case 'error': error = value; break;
    }
  },
);

// ---------------------------------------------------------------------------
// Types of the same names as the classes above, so that after
// `import * as thread from 'green-loader/thread'` (or bare 'thread')
// `let l: thread.LockType` compiles. They are the native classes' instance
// types: the green classes have the same public shape.
// ---------------------------------------------------------------------------

/** A primitive lock, as `allocate_lock()` returns. @example const l: LockType = allocate_lock(); */
export type LockType = InstanceType<typeof LockType>;
/** Thread-local data. @example const data: _local = new _local(); */
export type _local = InstanceType<typeof _local>;
/** The module's error type. @example catch (e) { if (e instanceof error) { const err: error = e; } } */
export type error = InstanceType<typeof error>;
