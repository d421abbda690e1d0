// Source: Python documentation, queue module, "Example of how to wait for
//   enqueued tasks to be completed"
//   https://docs.python.org/3/library/queue.html#queue.Queue.join
//   (CPython Doc/library/queue.rst)
// Demonstrates: a daemon worker thread consuming a module-level queue.Queue,
//   task_done() per item and q.join() in the main thread; the worker is still
//   blocked in q.get() when the program ends, which a daemon thread may be.
// Changed (Python -> JS only): print(f'...') -> console.log(`...`); `await`
//   where Python blocks (start, get, put, join).
import * as threading from 'threading';
import * as queue from 'queue';

const q = new queue.Queue();

async function worker() {
  for (;;) {
    const item = await q.get();
    console.log(`Working on ${item}`);
    console.log(`Finished ${item}`);
    q.task_done();
  }
}

// Turn-on the worker thread.
await new threading.Thread({ target: worker, daemon: true }).start();

// Send thirty task requests to the worker.
for (let item = 0; item < 30; item++) {
  await q.put(item);
}

// Block until all tasks are done.
await q.join();
console.log('All work completed');
