// Source: Rosetta Code, "Mutex", Python solution
//   https://rosettacode.org/wiki/Mutex#Python
//   (mirror: github.com/acmeism/RosettaCodeData Task/Mutex/Python/mutex.py)
// Demonstrates: a module-level threading.Semaphore(2) metering four Thread
//   subclasses whose run() uses the module's semaphore, its `sleep` import and
//   a module-level counter (`global res`): at most two threads hold a resource.
// Changed (Python -> JS only): `from time import sleep` -> import { sleep };
//   Python 2 `print n, "+  res count", res` -> console.log(n, '+  res count', res);
//   `self.getName()` (a deprecated alias) -> this.name; `global res` -> a
//   module-level `let`; sleep(2) scaled to sleep(0.2) (the original runs 12 s);
//   `await` where Python blocks (acquire, sleep, start).
import * as threading from 'threading';
import { sleep } from 'time';

// res: max number of resources. If changed to 1, it functions
// identically to a mutex/lock object
let res = 2;
const sema = new threading.Semaphore(res);

class res_thread extends threading.Thread {
  async run() {
    const n = this.name;
    for (let i = 1; i < 4; i++) {
      // acquire a resource if available and work hard
      // for 2 seconds.  if all res are occupied, block
      // and wait
      await sema.acquire();
      res = res - 1;
      console.log(n, '+  res count', res);
      await sleep(0.2);

      // after done with resource, return it to pool and flag so
      res = res + 1;
      console.log(n, '-  res count', res);
      sema.release();
    }
  }
}

// create 4 threads, each acquire resorce and work
for (let i = 1; i < 5; i++) {
  const t = new res_thread();
  await t.start();
}
