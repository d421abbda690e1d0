// Source: Python documentation, Library and Extension FAQ, "None of my
//   threads seem to run: why?" (the version with a tiny sleep at the start of
//   the run function)
//   https://docs.python.org/3/faq/library.html#none-of-my-threads-seem-to-run-why
//   (CPython Doc/faq/library.rst)
// Demonstrates: ten threads started in a loop at module top level, each
//   printing its own count; a short sleep at the start of the target lets
//   them run side by side; the main thread sleeps while they work.
// Changed (Python -> JS only): print(name, i) -> console.log(name, i);
//   str(i) -> String(i); the main thread's sleep(10) scaled to sleep(1);
//   `await` where Python blocks (start, sleep).
import * as threading from 'threading';
import * as time from 'time';

async function thread_task(name, n) {
  await time.sleep(0.001); // <--------------------!
  for (let i = 0; i < n; i++) {
    console.log(name, i);
  }
}

for (let i = 0; i < 10; i++) {
  const T = new threading.Thread({ target: thread_task, args: [String(i), i] });
  await T.start();
}

await time.sleep(1);
