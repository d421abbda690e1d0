// The gevent article's program in JavaScript: two threads print their ids while
// the main thread sleeps. Run it natively or green without changing a line:
//   GREEN_PATCH=none node --import green-loader examples/article-demo.mjs   (OS threads)
//   node --import green-loader examples/article-demo.mjs                    (greenlets)
import * as threading from 'threading';
import * as time from 'time';

// A native thread runs its target from source text in another isolate, where
// `threading`, `thread` and `time` are the native shims. It writes with
// fs.writeSync because a worker's console.log is relayed through the main
// thread, which this program keeps asleep.
async function target(i) {
  const { writeSync } = await import('node:fs');
  for (let n = 0; n < 10; n++) {
    writeSync(1, `I'm thread ${i}: ${threading.get_ident()} ${threading.get_native_id()}\n`);
    await time.sleep(0.1);
  }
}

console.log(`Main thread: ${threading.get_ident()} ${threading.get_native_id()}`);
const threads = [1, 2].map((i) => new threading.Thread({ target, args: [i] }));
for (const t of threads) t.start();
console.log('Main thread sleep');
await time.sleep(2);
console.log('Main thread exit');
