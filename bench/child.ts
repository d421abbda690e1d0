/**
 * Entry point of the benchmark child processes (see `runChild` in
 * harness.ts): `node [flags] dist/bench/child.js <module.js> <args…>` calls
 * that bench module's `child(...args)` and prints its figures as one JSON
 * line. Workloads use it when they need a process of their own: per-mode
 * peak RSS (W5) or `--expose-gc` (W7).
 *
 * @module
 */
import type { Figures } from './harness.js';

const [file = '', ...args] = process.argv.slice(2);
if (!/^[\w-]+\.js$/.test(file)) throw new Error(`usage: child.js <bench module file> [args…], got ${JSON.stringify(file)}`);
const mod = (await import(new URL(`./${file}`, import.meta.url).href)) as { child(...args: string[]): Promise<Figures> };
process.stdout.write(`${JSON.stringify(await mod.child(...args))}\n`);
