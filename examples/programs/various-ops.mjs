// Source: CPython Lib/test/test_threading.py, ThreadTests.test_various_ops
//   with its module-level Counter and TestThread classes
//   https://github.com/python/cpython/blob/main/Lib/test/test_threading.py
// Demonstrates: ten Thread subclasses (name given to Thread.__init__) that
//   receive a BoundedSemaphore(3), an RLock, a Counter instance and the test
//   case itself in their constructor; no more than three run at once;
//   ident is null before start and set after; is_alive() is false after join.
// Changed (Python -> JS only): `verbose` (regrtest -v) is true so the
//   program prints what it does; unittest.TestCase -> a module-level TestCase
//   class with the assertions this test uses, on node:assert; the test runs
//   as `new ThreadTests().test_various_ops()` (an assertion failing in a
//   thread is reported by threading.excepthook, as under regrtest); `with x:` ->
//   acquire / try / finally release; '%s ... %.1f' % (...) -> templates with
//   toFixed(1); random.random() -> a module-level `random` stand-in over
//   Math.random. Left out: the two repr(t) regex checks (the shim's Thread has
//   no Python repr) and the check that the ten native_ids are distinct (green
//   threads share one OS thread by design).
import assert from 'node:assert/strict';
import * as threading from 'threading';
import * as time from 'time';

const verbose = true;

const random = {
  random: () => Math.random(),
};

// unittest.TestCase's assertions used below.
class TestCase {
  assertLessEqual(a, b) {
    assert.ok(a <= b, `${a} not less than or equal to ${b}`);
  }
  assertGreaterEqual(a, b) {
    assert.ok(a >= b, `${a} not greater than or equal to ${b}`);
  }
  assertEqual(a, b) {
    assert.equal(a, b);
  }
  assertNotEqual(a, b) {
    assert.notEqual(a, b);
  }
  assertIsNone(x) {
    assert.equal(x, null);
  }
  assertIsNotNone(x) {
    assert.notEqual(x, null);
  }
  assertFalse(x) {
    assert.ok(!x);
  }
}

// A trivial mutable counter.
class Counter {
  constructor() {
    this.value = 0;
  }
  inc() {
    this.value += 1;
  }
  dec() {
    this.value -= 1;
  }
  get() {
    return this.value;
  }
}

class TestThread extends threading.Thread {
  constructor(name, testcase, sema, mutex, nrunning) {
    super({ name });
    this.testcase = testcase;
    this.sema = sema;
    this.mutex = mutex;
    this.nrunning = nrunning;
  }

  async run() {
    const delay = random.random() / 10000.0;
    if (verbose) {
      console.log(`task ${this.name} will run for ${(delay * 1e6).toFixed(1)} usec`);
    }

    await this.sema.acquire();
    try {
      await this.mutex.acquire();
      try {
        this.nrunning.inc();
        if (verbose) {
          console.log(this.nrunning.get(), 'tasks are running');
        }
        this.testcase.assertLessEqual(this.nrunning.get(), 3);
      } finally {
        this.mutex.release();
      }

      await time.sleep(delay);
      if (verbose) {
        console.log('task', this.name, 'done');
      }

      await this.mutex.acquire();
      try {
        this.nrunning.dec();
        this.testcase.assertGreaterEqual(this.nrunning.get(), 0);
        if (verbose) {
          console.log(`${this.name} is finished. ${this.nrunning.get()} tasks are running`);
        }
      } finally {
        this.mutex.release();
      }
    } finally {
      this.sema.release();
    }
  }
}

class ThreadTests extends TestCase {
  // Create a bunch of threads, let each do some work, wait until all are
  // done.
  async test_various_ops() {
    // This takes about n/3 seconds to run (about n/3 clumps of tasks,
    // times about 1 second per clump).
    const NUMTASKS = 10;

    // no more than 3 of the 10 can run at once
    const sema = new threading.BoundedSemaphore(3);
    const mutex = new threading.RLock();
    const numrunning = new Counter();

    const threads = [];

    for (let i = 0; i < NUMTASKS; i++) {
      const t = new TestThread(`<thread ${i}>`, this, sema, mutex, numrunning);
      threads.push(t);
      this.assertIsNone(t.ident);
      await t.start();
    }

    if (verbose) {
      console.log('waiting for all tasks to complete');
    }
    for (const t of threads) {
      await t.join();
      this.assertFalse(t.is_alive());
      this.assertNotEqual(t.ident, 0);
      this.assertIsNotNone(t.ident);
    }
    if (verbose) {
      console.log('all tasks done');
    }
    this.assertEqual(numrunning.get(), 0);
  }
}

await new ThreadTests().test_various_ops();
