// Source: Rosetta Code, "Events", Python solution
//   https://rosettacode.org/wiki/Events#Python
//   (mirror: github.com/acmeism/RosettaCodeData Task/Events/Python/events.py)
// Demonstrates: a thread blocked on a threading.Event (passed in args) until
//   the main thread sets it one second later.
// Changed (Python -> JS only): print -> console.log; `await` where Python
//   blocks (start, wait, sleep, join).
import * as threading from 'threading';
import * as time from 'time';

async function wait_for_event(event) {
  await event.wait();
  console.log('Thread: Got event');
}

const e = new threading.Event();

const t = new threading.Thread({ target: wait_for_event, args: [e] });
await t.start();

console.log('Main: Waiting one second');
await time.sleep(1.0);
console.log('Main: Setting event');
e.set();
await time.sleep(1.0);
console.log('Main: Done');
await t.join();
