/**
 * The job of the worker-pool round trip (POOL): hand the argument back.
 * piscina and tinypool run it as their task file; green-loader's native
 * Thread runs it as a module target.
 *
 * @module
 */

/** @param {number} x */
export default function task(x) {
  return x;
}
