/**
 * The shared lock suite (lock-tests.ts) against the native threading shim:
 * workers are worker threads running a body of fixtures/lock/workers.js as
 * a module target, with the SharedArrayBuffer-backed primitives in `args`.
 */
import * as threading from '../shims/native/threading.js';
import { lockTests } from './lock-tests.js';

const WORKERS = new URL('./fixtures/lock/workers.js', import.meta.url);

lockTests('native', threading, async (body, args) => {
  const thread = new threading.Thread({ target: { module: WORKERS, export: body }, args });
  await thread.start();
  return thread;
});
