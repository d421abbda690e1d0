// Source: Rosetta Code, "Checkpoint synchronization", Python solution
//   https://rosettacode.org/wiki/Checkpoint_synchronization#Python
//   (mirror: github.com/acmeism/RosettaCodeData Task/Checkpoint-synchronization/Python/checkpoint-synchronization.py)
// Demonstrates: a module-level threading.Barrier(3) handed to three worker
//   threads in args; no worker starts task 2 before all three finished task 1.
//   The main thread starts the workers and simply ends (no join).
// Changed (Python -> JS only): print(... + str(x)) -> console.log(template);
//   random.random() -> a module-level `random` stand-in over Math.random;
//   `await` where Python blocks (start, sleep, barrier.wait).
import * as threading from 'threading';
import * as time from 'time';

const random = {
  random: () => Math.random(),
};

/*

Based on https://pymotw.com/3/threading/

*/

async function worker(workernum, barrier) {
  // task 1
  let sleeptime = random.random();
  console.log('Starting worker ' + String(workernum) + ' task 1, sleeptime=' + String(sleeptime));
  await time.sleep(sleeptime);
  console.log('Exiting worker' + String(workernum));
  await barrier.wait();
  // task 2
  sleeptime = random.random();
  console.log('Starting worker ' + String(workernum) + ' task 2, sleeptime=' + String(sleeptime));
  await time.sleep(sleeptime);
  console.log('Exiting worker' + String(workernum));
}

const barrier = new threading.Barrier(3);

const w1 = new threading.Thread({ target: worker, args: [1, barrier] });
const w2 = new threading.Thread({ target: worker, args: [2, barrier] });
const w3 = new threading.Thread({ target: worker, args: [3, barrier] });

await w1.start();
await w2.start();
await w3.start();
