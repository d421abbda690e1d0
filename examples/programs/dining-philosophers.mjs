// Source: Rosetta Code, "Dining philosophers", Python solution (threading version)
//   https://rosettacode.org/wiki/Dining_philosophers#Python
//   (mirror: github.com/acmeism/RosettaCodeData Task/Dining-philosophers/Python/dining-philosophers-1.py)
// Demonstrates: a threading.Thread subclass overriding run(), a class attribute
//   (`Philosopher.running`) that the main thread flips to stop every thread,
//   Locks as forks, a blocking acquire then a non-blocking acquire(False), and
//   deadlock avoidance by releasing and swapping forks.
// Changed (Python -> JS only):
//   - Python 2 `print 'x' % y` -> console.log(`...`); `self.running` (a class
//     attribute read through the instance) -> Philosopher.running;
//   - `random.uniform` -> a module-level `random` stand-in over Math.random
//     (JS has no random module); `random.seed(507129)` dropped: Math.random
//     cannot be seeded (and a seed does not make threaded output deterministic);
//   - every sleep scaled by SCALE = 0.02 (thinking 3-13 s, eating 1-10 s and the
//     100 s dinner become 0.06-0.26 s, 0.02-0.2 s and 2 s);
//   - `await` where Python blocks (start, acquire, sleep).
import * as threading from 'threading';
import * as time from 'time';

const SCALE = 0.02;

const random = {
  uniform: (a, b) => a + (b - a) * Math.random(),
};

// Dining philosophers, 5 Phillies with 5 forks. Must have two forks to eat.
//
// Deadlock is avoided by never waiting for a fork while holding a fork (locked)
// Procedure is to do block while waiting to get first fork, and a nonblocking
// acquire of second fork.  If failed to get second fork, release first fork,
// swap which fork is first and which is second and retry until getting both.
//
// See discussion page note about 'live lock'.

class Philosopher extends threading.Thread {
  static running = true;

  constructor(xname, forkOnLeft, forkOnRight) {
    super();
    this.name = xname;
    this.forkOnLeft = forkOnLeft;
    this.forkOnRight = forkOnRight;
  }

  async run() {
    while (Philosopher.running) {
      //  Philosopher is thinking (but really is sleeping).
      await time.sleep(random.uniform(3, 13) * SCALE);
      console.log(`${this.name} is hungry.`);
      await this.dine();
    }
  }

  async dine() {
    let [fork1, fork2] = [this.forkOnLeft, this.forkOnRight];

    for (;;) {
      if (!Philosopher.running) return; // Python's while ... else: return
      await fork1.acquire(true);
      const locked = await fork2.acquire(false);
      if (locked) break;
      fork1.release();
      console.log(`${this.name} swaps forks`);
      [fork1, fork2] = [fork2, fork1];
    }

    await this.dining();
    fork2.release();
    fork1.release();
  }

  async dining() {
    console.log(`${this.name} starts eating `);
    await time.sleep(random.uniform(1, 10) * SCALE);
    console.log(`${this.name} finishes eating and leaves to think.`);
  }
}

async function DiningPhilosophers() {
  const forks = Array.from({ length: 5 }, () => new threading.Lock());
  const philosopherNames = ['Aristotle', 'Kant', 'Spinoza', 'Marx', 'Russel'];

  const philosophers = [0, 1, 2, 3, 4].map((i) => new Philosopher(philosopherNames[i], forks[i % 5], forks[(i + 1) % 5]));

  Philosopher.running = true;
  for (const p of philosophers) await p.start();
  await time.sleep(100 * SCALE);
  Philosopher.running = false;
  console.log("Now we're finishing.");
}

await DiningPhilosophers();
