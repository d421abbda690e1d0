// Source: Rosetta Code, "Concurrent computing", Python solution (Thread + Lock variant)
//   https://rosettacode.org/wiki/Concurrent_computing#Python
//   (mirror: github.com/acmeism/RosettaCodeData Task/Concurrent-computing/Python/concurrent-computing-5.py)
// Demonstrates: a module-level Lock serialising writes to stdout from three
//   threads whose target uses module imports (time, random, sys); the script is
//   unguarded top-level code that starts threads and never joins them.
// Changed (Python -> JS only): sys.stdout.write -> process.stdout.write;
//   random.random() -> a module-level `random` stand-in over Math.random;
//   `with lock:` -> acquire / try / finally release; `await` where Python
//   blocks (start, sleep, acquire).
import * as threading from 'threading';
import * as time from 'time';

const random = {
  random: () => Math.random(),
};

const lock = new threading.Lock();

async function echo(s) {
  await time.sleep(1e-2 * random.random());
  // use `.write()` with lock due to `print` prints empty lines occasionally
  await lock.acquire();
  try {
    process.stdout.write(s);
    process.stdout.write('\n');
  } finally {
    lock.release();
  }
}

for (const line of 'Enjoy Rosetta Code'.split(' ')) {
  await new threading.Thread({ target: echo, args: [line] }).start();
}
