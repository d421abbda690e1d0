/**
 * Which Node versions get `module.registerHooks()` (in-thread, sync, sees
 * require too) instead of `module.register()` (a hooks thread). Before
 * 22.22.3 / 24.11.1 / 25.1 a CommonJS-source bug makes registerHooks unsafe;
 * loaders such as tsx and import-in-the-middle draw the same line.
 *
 * @module
 */

/**
 * Whether this Node version (`process.versions.node` form) has a safe
 * `module.registerHooks()`.
 *
 * @example
 * hasSafeRegisterHooks('22.22.3'); // true
 * hasSafeRegisterHooks('20.20.2'); // false
 */
export function hasSafeRegisterHooks(version: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  const atLeast = (m: number, p: number) => minor > m || (minor === m && patch >= p);
  if (major === 22) return atLeast(22, 3);
  if (major === 24) return atLeast(11, 1);
  if (major === 25) return atLeast(1, 0);
  return major >= 26;
}
