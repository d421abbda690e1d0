/**
 * @internal Running one of the package's generated script files through
 * V8's code cache: how the preload (`dist/loader/preload.js`) and the
 * combined green path (`dist/shims/green-path.js`, `green-more.js`) compile
 * their code. The build writes each such file (`NAME.code.js`) as one
 * function expression whose first line carries the hash of its code; this
 * module reads it, compiles it with `vm.Script`, and hands V8 the cache the
 * last run left in the cache directory, so a start deserializes the code and
 * every function that run compiled instead of parsing it again.
 *
 * The cache is written at exit, by a run that found none or one V8 rejected
 * (V8 checks its version and flags, but of the source only the length: the
 * file name carries the code's hash, and that of the process's options, so
 * two option sets keep a file each), to a temporary file that is then
 * renamed, so no process reads half a file. It is read and written only in a
 * directory of this user's that nobody else may write to, since V8 runs what
 * a cache holds.
 *
 * The module imports nothing (builtins come through `load`): the build
 * copies it into the combined files' ES modules, which run before any other
 * module of the package is loaded.
 *
 * @module
 */

/**
 * What a run found in the cache: none configured (`off`), no file (`miss`),
 * a file V8 refused (`rejected`), or a file it took (`hit`).
 *
 * @example
 * const state: CodeCacheState = 'hit';
 */
export type CodeCacheState = 'off' | 'miss' | 'rejected' | 'hit';

/**
 * A compiled and run script file: the value its code evaluated to (the
 * function the build wrote), what the cache did, and the cache file.
 *
 * @example
 * const run: CachedRun = { value: () => {}, state: 'miss', file: '/tmp/c/x-0123456789abcdef-12.4-x64-89abcdef.bin' };
 */
export interface CachedRun {
  readonly value: unknown;
  readonly state: CodeCacheState;
  readonly file: string | undefined;
}

/** Where a builtin comes from: `process.getBuiltinModule`, or `require` before Node 20.16. */
type Load = (id: string) => unknown;

/**
 * The hash the build writes on a code file's first line (`// … (sha256
 * 0123456789abcdef): …`), or undefined. Found by hand, not by a regular
 * expression: compiling one is a tenth of a millisecond of every start.
 */
function codeHash(source: string): string | undefined {
  const end = source.indexOf('\n');
  const at = source.startsWith('//') ? source.lastIndexOf('(sha256 ', end) + 8 : 7;
  if (at === 7 || source.charCodeAt(at + 16) !== 0x29) return undefined; // no '(sha256 ', or no ')' after 16 characters
  for (let i = at; i < at + 16; i++) {
    const c = source.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return undefined; // 0-9 a-f
  }
  return source.slice(at, at + 16);
}

/**
 * A short hash (FNV-1a, 32 bits) of the options this process runs under:
 * its `execArgv` and `NODE_OPTIONS`. V8 rejects a cache made under other
 * flags, so each option set gets a file of its own; with one file, a
 * `node --max-old-space-size=4096` and a plain `node` taking turns would
 * each reject the other's cache and write their own, every run.
 */
function optionsKey(): string {
  const text = `${process.execArgv.join('\0')}\n${process.env.NODE_OPTIONS ?? ''}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Whether `dir` is a directory of this user's that nobody else may write to (any directory where there are no users). */
function isPrivateDir(fs: typeof import('node:fs'), dir: string): boolean {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  const uid = process.getuid?.();
  return stat?.isDirectory() === true && (uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0));
}

/**
 * How long a cache file that no run of this build would read may sit
 * unmodified before a write removes it: an hour, so that two installs of
 * different versions used by turns cost each other at most one miss an hour.
 */
const STALE_MS = 60 * 60 * 1000;

/** Write the script's cache as `file` in `dir`, or nothing: a cache is an optimisation, never an error. */
function save(fs: typeof import('node:fs'), dir: string, file: CacheFile, script: import('node:vm').Script): void {
  const temporary = `${file.path}.${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDir(fs, dir)) return;
    fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, file.path);
    prune(fs, dir, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {}
  }
}

/**
 * Remove, from `dir`, the stale files of the code file that `file` caches:
 * its caches for another hash (an older build), V8 or architecture, and
 * temporary files a killed write left, once unmodified for
 * {@link STALE_MS}. Caches of the same build under other options are kept:
 * another option set may be running them. Why here: a write happens only on
 * a miss, so upgrades, which would otherwise leave a file per build and
 * option set for ever, clean up after themselves at no cost to a hit.
 */
function prune(fs: typeof import('node:fs'), dir: string, file: CacheFile): void {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(file.code) || (name.startsWith(file.build) && name.endsWith('.bin'))) continue;
    const path = `${dir}/${name}`;
    try {
      if (now - fs.statSync(path).mtimeMs > STALE_MS) fs.rmSync(path, { force: true });
    } catch {}
  }
}

/** A cache file's path and the two prefixes of its name: of every cache of its code file (`NAME-`), and of those of this build, V8 and architecture. */
interface CacheFile {
  readonly path: string;
  readonly code: string;
  readonly build: string;
}

/**
 * Compile and run the script file `code` (`NAME.code.js`), through the code
 * cache in `cacheDir` when one is given.
 *
 * @example
 * const { value } = runCached(new URL('./green-path.code.js', import.meta.url), '/tmp/cache', process.getBuiltinModule);
 */
export function runCached(code: URL, cacheDir: string | undefined, load: Load): CachedRun {
  const fs = load('node:fs') as typeof import('node:fs');
  const path = load('node:path') as typeof import('node:path');
  const source = fs.readFileSync(code, 'latin1'); // the build writes it as ASCII
  const hash = codeHash(source);
  const name = `${path.basename(code.pathname, '.code.js')}-`;
  const build = `${name}${hash}-${process.versions.v8}-${process.arch}-`;
  const file = cacheDir && hash ? { path: path.join(cacheDir, `${build}${optionsKey()}.bin`), code: name, build } : undefined;
  let cachedData: Buffer | undefined;
  try {
    if (file && isPrivateDir(fs, cacheDir!)) cachedData = fs.readFileSync(file.path);
  } catch {}
  const vm = load('node:vm') as typeof import('node:vm');
  const script = new vm.Script(source, { filename: code.href, cachedData });
  const state: CodeCacheState = !file ? 'off' : !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  if (state === 'miss' || state === 'rejected') process.once('exit', () => save(fs, cacheDir!, file!, script));
  return { value: script.runInThisContext(), state, file: file?.path };
}

/**
 * Where the process's first copy of {@link runCached} is kept. The key names
 * the function's contract (its arguments and {@link CachedRun}): a version
 * that changes it must take another key, since two installs of the package
 * in one process share it.
 */
const SHARED = Symbol.for('green-loader.run-cached');

/**
 * The {@link runCached} of the copy of this module that ran first in the
 * process. Each combined file carries a copy (the preload's ES module, each
 * facade's runner, see build/bundle-green.mjs); ES modules get no code
 * cache, so a copy's functions are compiled the first time they run, and a
 * facade running its own copy cold costs `import 'threading'` ~0.5 ms
 * (Node 24) that the preload's copy, compiled and run already, does not.
 *
 * @example
 * const { value } = sharedRunCached()(new URL('./green-path.code.js', import.meta.url), cacheDir, process.getBuiltinModule);
 */
export function sharedRunCached(): typeof runCached {
  const g = globalThis as { [SHARED]?: typeof runCached };
  return (g[SHARED] ??= runCached);
}

/**
 * The GREEN_DEBUG line for a run of the script file named `name`.
 *
 * @example
 * describeRun('green-path.code.js', run); // 'code cache of green-path.code.js: hit (/tmp/…/green-path-….bin)'
 */
export function describeRun(name: string, run: CachedRun): string {
  return `code cache of ${name}: ${run.state}${run.file ? ` (${run.file})` : ''}`;
}
