// Source: Rosetta Code, "Synchronous concurrency", Python solution (threads and queues)
//   https://rosettacode.org/wiki/Synchronous_concurrency#Python
//   (mirror: github.com/acmeism/RosettaCodeData Task/Synchronous-concurrency/Python/synchronous-concurrency-1.py)
// Demonstrates: a producer/consumer pair through module-level Queue(1)s: the
//   reader thread sends input.txt's lines to the writer thread, which prints
//   them and hands the line count back to the reader through a second queue.
// Changed (Python -> JS only): Python 2's `from Queue import Queue` -> the
//   `queue` module (Python 3's name); open('input.txt') -> a module-level
//   `open` stand-in returning the file's lines with their line endings, as
//   iterating a Python file does; sys.stdout -> process.stdout; Python 2
//   `print count.get()` -> console.log(await count.get()); `while 1` ->
//   for (;;); `await` where Python blocks (put, get, start, join).
// Run it from this directory (the task reads input.txt from the cwd).
import { readFileSync } from 'node:fs';
import { Queue } from 'queue';
import { Thread } from 'threading';

function open(path) {
  return readFileSync(path, 'utf8').split(/(?<=\n)/);
}

const lines = new Queue(1);
const count = new Queue(1);

async function read(file) {
  try {
    for (const line of file) {
      await lines.put(line);
    }
  } finally {
    await lines.put(null);
  }
  console.log(await count.get());
}

async function write(file) {
  let n = 0;
  for (;;) {
    const line = await lines.get();
    if (line === null) {
      break;
    }
    file.write(line);
    n += 1;
  }
  await count.put(n);
}

const reader = new Thread({ target: read, args: [open('input.txt')] });
const writer = new Thread({ target: write, args: [process.stdout] });
await reader.start();
await writer.start();
await reader.join();
await writer.join();
