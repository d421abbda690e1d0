/**
 * One measurement in a process of its own, as the floor is measured
 * (bench/floor.ts): `node child.mjs <library> <workload> <sizes…>` runs the
 * workload once to warm up, then once timed, and prints `{"ms": …}`.
 * A process per library keeps one library's promise hooks, caches and
 * garbage out of another's figures.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import { libraries } from './libraries.mjs';

const [name, id, ...sizes] = process.argv.slice(2);
const library = libraries[name];
if (!library) throw new Error(`unknown library ${JSON.stringify(name)}`);
const impl = await library.load();
const run = impl[id];
if (!run) throw new Error(`${name} has no ${id}`);
const args = sizes.map(Number);
await run(...args);
const start = performance.now();
await run(...args);
const ms = performance.now() - start;
await impl.close?.();
process.stdout.write(`${JSON.stringify({ ms })}\n`);
process.exit(0);
