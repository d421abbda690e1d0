/**
 * The W5 thread body: 10 × `await time.sleep(0.001)` with the `time` module
 * whose URL it is given. Native threads run it as a module target (a native
 * target cannot carry closures, so it imports `time` itself); green threads
 * run the same function directly.
 *
 * @module
 */

/**
 * Sleep `iterations` × 1 ms with the `time` module at `timeUrl`.
 *
 * @example
 * await threadBody(new URL('../shims/native/time.js', import.meta.url).href, 10);
 */
export default async function threadBody(timeUrl: string, iterations: number): Promise<void> {
  const time = (await import(timeUrl)) as { sleep(seconds: number): Promise<void> };
  for (let i = 0; i < iterations; i++) await time.sleep(0.001);
}
