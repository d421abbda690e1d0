/**
 * The loader configuration's share that the preload needs before the rest
 * of it is compiled: where V8's code cache of the package's own code goes
 * (`GREEN_CODE_CACHE`). The preload's ES module (`loader/preload.ts`) reads
 * it to find the cache of the preload's code; the configuration
 * (`loader/config.ts`) reads it with everything else, turns a bad value into
 * a ConfigError, and hands the directory to the runtime's settings for the
 * combined green path. One function, so both read it the same way.
 *
 * @module
 */
import { builtin } from '../runtime/builtin.js';

/**
 * The default directory of the code cache: `green-loader-cache-<uid>` in the
 * temporary directory, found as `os.tmpdir()` finds it on POSIX (`TMPDIR`,
 * `TMP`, `TEMP`, else `/tmp`) without loading node:os into every process.
 *
 * @example
 * defaultCodeCacheDir({ TMPDIR: '/var/tmp/' }); // '/var/tmp/green-loader-cache-1000'
 */
export function defaultCodeCacheDir(env: NodeJS.ProcessEnv): string {
  // No trailing-slash regex as os.tmpdir() has: join() drops them, and a regex costs every process ~70 µs to compile and run.
  const tmp = process.platform === 'win32' ? builtin('node:os').tmpdir() : env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  const uid = process.getuid?.();
  return builtin('node:path').join(tmp, uid === undefined ? 'green-loader-cache' : `green-loader-cache-${uid}`);
}

/**
 * What `GREEN_CODE_CACHE` asks for. Unset or blank: the default directory
 * ({@link defaultCodeCacheDir}), except under `NODE_V8_COVERAGE`, where V8
 * counts functions from a cache less precisely, so none; `1`/`true`: the
 * default directory even then; `0`/`false`: none; an absolute directory:
 * that one; anything else is `invalid` (the value as given).
 *
 * @example
 * codeCacheChoice({ GREEN_CODE_CACHE: '/var/cache/app' }); // { dir: '/var/cache/app' }
 * codeCacheChoice({ GREEN_CODE_CACHE: 'cache' }); // { invalid: 'cache' }
 */
export function codeCacheChoice(env: NodeJS.ProcessEnv): { dir: string | null } | { invalid: string } {
  const value = env.GREEN_CODE_CACHE;
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return { dir: env.NODE_V8_COVERAGE?.trim() ? null : defaultCodeCacheDir(env) };
  if (trimmed === '1' || trimmed === 'true') return { dir: defaultCodeCacheDir(env) };
  if (trimmed === '0' || trimmed === 'false') return { dir: null };
  if (builtin('node:path').isAbsolute(trimmed)) return { dir: trimmed };
  return { invalid: value! };
}
