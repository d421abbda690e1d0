// Source: the gevent article this project starts from ("gevent", drunkdream.com,
//   2020-02-18, section 0x01 "使用案例"),
//   https://www.drunkdream.com/2020/02/18/gevent/index.html
// Demonstrates: two threads print their thread ident and OS thread id every
//   0.1 s for one second while the main thread sleeps 2 s. On real threads the
//   two OS thread ids differ and the lines interleave; on greenlets (gevent's
//   monkey.patch_all(), here the loader) both report the one OS thread id.
// Changed (Python -> JS only): gettid() (ctypes: syscall(186) on Linux,
//   GetCurrentThreadId() on Windows) -> threading.get_native_id(), the same
//   OS thread id without ctypes; '%d' % ... -> templates; print -> console.log;
//   `await` where Python blocks (start, sleep).
import * as threading from 'threading';
import * as time from 'time';

function gettid() {
  return threading.get_native_id();
}

async function thread_test(index) {
  const time0 = time.time();
  while (time.time() - time0 < 1) {
    console.log(`I'm thread ${index}: ${threading.current_thread().ident} ${gettid()}`);
    await time.sleep(0.1);
  }
}

const thread1 = new threading.Thread({ target: thread_test, args: [1] });
await thread1.start();
const thread2 = new threading.Thread({ target: thread_test, args: [2] });
await thread2.start();
console.log('Main thread sleep');
await time.sleep(2);
console.log('Main thread exit');
