// The gevent article's program in JavaScript: two threads print their ids while
// the main thread sleeps. Run it natively or green without changing a line:
//   GREEN_PATCH=none node --import green-loader examples/article-demo.mjs   (OS threads)
//   node --import green-loader examples/article-demo.mjs                    (greenlets)
import * as threading from 'threading';
import * as time from 'time';

function ids() {
  return `${threading.get_ident()} ${threading.get_native_id()}`;
}

async function target(i) {
  for (let n = 0; n < 10; n++) {
    console.log(`I'm thread ${i}: ${ids()}`);
    await time.sleep(0.1);
  }
}

// Natively each thread imports this module again and its top level runs
// there up to the first start(): guard what the main thread alone does.
if (threading.current_thread() === threading.main_thread()) {
  console.log(`Main thread: ${ids()}`);
  const threads = [1, 2].map((i) => new threading.Thread({ target, args: [i] }));
  for (const t of threads) await t.start();
  console.log('Main thread sleep');
  await time.sleep(2);
  console.log('Main thread exit');
}
