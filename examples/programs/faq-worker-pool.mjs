// Source: Python documentation, Library and Extension FAQ, "How do I parcel
//   out work among a bunch of worker threads?"
//   https://docs.python.org/3/faq/library.html#how-do-i-parcel-out-work-among-a-bunch-of-worker-threads
//   (CPython Doc/faq/library.rst)
// Demonstrates: a pool of five named worker threads taking jobs off one
//   module-level queue.Queue with get(block=False) until queue.Empty; each job
//   is handed out exactly once.
// Changed (Python -> JS only): print(..., end=' ') -> process.stdout.write;
//   print(a, b) -> console.log(a, b); `except queue.Empty` -> catch + instanceof;
//   get(block=False) -> get(false) (the shim's positional block, timeout);
//   'worker %i' % (i+1) -> template; a job's sleep(0.5) scaled to 0.05 and the
//   main thread's sleep(5) to 0.5 (the original runs 5 s; the workers' 0.1 s
//   head start is kept); `await` where Python blocks (start, put, sleep).
import * as threading from 'threading';
import * as queue from 'queue';
import * as time from 'time';

// The worker thread gets jobs off the queue.  When the queue is empty, it
// assumes there will be no more work and exits.
// (Realistically workers will run until terminated.)
async function worker() {
  console.log('Running worker');
  await time.sleep(0.1);
  for (;;) {
    let arg;
    try {
      arg = await q.get(false);
    } catch (e) {
      if (!(e instanceof queue.Empty)) throw e;
      process.stdout.write(`Worker ${threading.current_thread()} `);
      console.log('queue empty');
      break;
    }
    process.stdout.write(`Worker ${threading.current_thread()} `);
    console.log('running with argument', arg);
    await time.sleep(0.05);
  }
}

// Create queue
const q = new queue.Queue();

// Start a pool of 5 workers
for (let i = 0; i < 5; i++) {
  const t = new threading.Thread({ target: worker, name: `worker ${i + 1}` });
  await t.start();
}

// Begin adding work to the queue
for (let i = 0; i < 50; i++) {
  await q.put(i);
}

// Give threads time to run
console.log('Main thread sleeping');
await time.sleep(0.5);
