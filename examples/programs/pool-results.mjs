// Source: Python documentation, multiprocessing, "An example showing how to
//   use queues to feed tasks to a collection of worker processes and collect
//   the results"
//   https://docs.python.org/3/library/multiprocessing.html#examples
//   (CPython Doc/includes/mp_workers.py)
// Demonstrates: a pool of four worker threads fed through one queue.Queue
//   and handing their results back through another; tasks are (function,
//   args) pairs naming module-level functions; 'STOP' sentinels end the pool.
// Changed (Python -> JS only): multiprocessing's Process, Queue and
//   current_process -> threading.Thread, queue.Queue and
//   threading.current_thread (multiprocessing mirrors threading's API; this
//   is the threads version of the same program); freeze_support() dropped (a
//   no-op outside frozen Windows executables); the `__name__ == '__main__'`
//   guard -> current_thread() === main_thread(); `for func, args in
//   iter(input.get, 'STOP')` -> a loop that stops at 'STOP'; '%s%s' of a
//   tuple -> `${name}(${args.join(', ')})`; print('\t', x) -> console.log('\t', x);
//   the tasks' sleep(0.5*random()) scaled to 0.05*random(); random.random()
//   -> a module-level `random` stand-in over Math.random; `await` where
//   Python blocks (put, get, sleep, start).
import * as threading from 'threading';
import * as queue from 'queue';
import * as time from 'time';

const random = {
  random: () => Math.random(),
};

//
// Function run by worker processes
//

async function worker(input, output) {
  for (;;) {
    const task = await input.get();
    if (task === 'STOP') break;
    const [func, args] = task;
    const result = await calculate(func, args);
    await output.put(result);
  }
}

//
// Function used to calculate result
//

async function calculate(func, args) {
  const result = await func(...args);
  return `${threading.current_thread().name} says that ${func.name}(${args.join(', ')}) = ${result}`;
}

//
// Functions referenced by tasks
//

async function mul(a, b) {
  await time.sleep(0.05 * random.random());
  return a * b;
}

async function plus(a, b) {
  await time.sleep(0.05 * random.random());
  return a + b;
}

//
//
//

async function test() {
  const NUMBER_OF_PROCESSES = 4;
  const TASKS1 = Array.from({ length: 20 }, (_, i) => [mul, [i, 7]]);
  const TASKS2 = Array.from({ length: 10 }, (_, i) => [plus, [i, 8]]);

  // Create queues
  const task_queue = new queue.Queue();
  const done_queue = new queue.Queue();

  // Submit tasks
  for (const task of TASKS1) {
    await task_queue.put(task);
  }

  // Start worker processes
  for (let i = 0; i < NUMBER_OF_PROCESSES; i++) {
    await new threading.Thread({ target: worker, args: [task_queue, done_queue] }).start();
  }

  // Get and print results
  console.log('Unordered results:');
  for (let i = 0; i < TASKS1.length; i++) {
    console.log('\t', await done_queue.get());
  }

  // Add more tasks using `put()`
  for (const task of TASKS2) {
    await task_queue.put(task);
  }

  // Get and print some more results
  for (let i = 0; i < TASKS2.length; i++) {
    console.log('\t', await done_queue.get());
  }

  // Tell child processes to stop
  for (let i = 0; i < NUMBER_OF_PROCESSES; i++) {
    await task_queue.put('STOP');
  }
}

if (threading.current_thread() === threading.main_thread()) {
  await test();
}
