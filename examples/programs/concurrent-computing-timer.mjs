// Source: Rosetta Code, "Concurrent computing", Python solution (threading.Timer variant)
//   https://rosettacode.org/wiki/Concurrent_computing#Python
//   (mirror: github.com/acmeism/RosettaCodeData Task/Concurrent-computing/Python/concurrent-computing-4.py)
// Demonstrates: three threading.Timer threads, each printing one word after a
//   random delay below one second; the words come out in any order.
// Changed (Python -> JS only): print -> console.log; random.random() -> a
//   module-level `random` stand-in over Math.random; the args tuple -> an array.
import * as threading from 'threading';

const random = {
  random: () => Math.random(),
};

function echo(text) {
  console.log(text);
}

for (const text of ['Enjoy', 'Rosetta', 'Code']) {
  new threading.Timer(random.random(), echo, [text]).start();
}
