/**
 * Python's `_thread.stack_size()`: the stack size given to threads started
 * afterwards (as the worker's `resourceLimits.stackSizeMb`).
 *
 * @module
 */
import { checkInteger } from '../../runtime/validate.js';

const MIN_STACK_SIZE = 32_768;
let stackSize = 0;

/**
 * Return the stack size of new threads in bytes (0 = Node's default) and, if
 * `size` is given, set it: 0, or at least 32 KiB (Python's "size not valid").
 *
 * @example
 * stack_size(4 * 1024 * 1024); // later threads get 4 MiB stacks; returns the old size
 */
export function stack_size(size?: number): number {
  const previous = stackSize;
  if (size === undefined) return previous;
  checkInteger(size, 'size', 0);
  if (size !== 0 && size < MIN_STACK_SIZE) throw new RangeError(`size not valid: ${size} bytes`);
  stackSize = size;
  return previous;
}
