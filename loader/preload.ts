/**
 * The `green-loader` entry: `node --import green-loader app.js`.
 *
 * It runs the preload (`loader/preload-main.ts`, which the build combines
 * with the modules it imports into dist/loader/preload-main.code.js)
 * through V8's code cache in the directory GREEN_CODE_CACHE names, so that a
 * start deserializes the preload instead of parsing ~35 KB: it runs in every
 * `node` a container starts with NODE_OPTIONS. A bad GREEN_CODE_CACHE means
 * no cache here; the preload then stops startup with its message.
 *
 * @example
 * // node --import green-loader app.js
 *
 * @module
 */
import { builtin } from '../runtime/builtin.js';
import { sharedRunCached } from '../runtime/cached-script.js';
import { codeCacheChoice } from './code-cache-config.js';

/** The preload's code: a function of its module's URL, of `import()` and of where builtins come from (see build/bundle-preload.mjs). */
type PreloadCode = (url: string, load: (specifier: string) => Promise<unknown>, builtin: (id: string) => unknown) => Promise<void>;

const choice = codeCacheChoice(process.env);
const load = builtin as (id: string) => unknown;
// Shared: a facade then runs the green path's code file with this copy, which has run already.
const run = sharedRunCached()(new URL('./preload-main.code.js', import.meta.url), 'dir' in choice ? (choice.dir ?? undefined) : undefined, load);
// For GREEN_DEBUG, which the preload reads.
(globalThis as { [key: symbol]: unknown })[Symbol.for('green-loader.preload-run')] = run;
await (run.value as PreloadCode)(import.meta.url, (specifier) => import(specifier), load);
