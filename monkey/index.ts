/**
 * `green-loader/monkey`: the patching API, gevent.monkey's model for ES
 * modules. This file is the entry point's index; the code lives in
 * `saved.ts` (the originals table, patchItem, unpatch), `patch-module.ts`,
 * `patch-all.ts` and `monkey-events.ts`.
 *
 * @example
 * import { patchAll, isModulePatched, unpatch } from 'green-loader/monkey';
 * await patchAll();
 * isModulePatched('threading'); // true
 * unpatch();                    // back to real threads
 *
 * @module
 */
export { saved, patchItem, getOriginal, isModulePatched, isObjectPatched, isAnythingPatched, unpatch } from './saved.js';
export { patchModule, type PatchSource, type Warn } from './patch-module.js';
export { patchAll, patchThread, patchTime, type PatchThreadOptions } from './patch-all.js';
export {
  DoNotPatch,
  PatchModuleEvent,
  WillPatchModuleEvent,
  DidPatchModuleEvent,
  PatchAllEvent,
  WillPatchAllEvent,
  DidPatchAllEvent,
  subscribe,
  type MonkeyEvent,
  type PatchAllOptions,
  type PatchTarget,
  type Subscriber,
} from './events.js';
