/**
 * Both ESM hooks as one module for `module.register()` (Node 20): one
 * registration, so the hooks thread is asked once and loads one entry
 * instead of two. The resolve hook fills in the shims
 * (loader/resolve-hook.ts); the load hook adds the scope prologue
 * (shims/native/scope-load-hook.ts).
 *
 * @example
 * module.register(new URL('./thread-hooks.js', import.meta.url), { data: { debug: false } });
 *
 * @module
 */
export { initialize, resolve } from './resolve-hook.js';
export { load } from '../shims/native/scope-load-hook.js';
