"""W1-W4 of BENCH.md under gevent, the reference green-loader is compared with.

Run with Debian's gevent (apt-get install -y python3-gevent):
    /usr/bin/python3 bench/gevent_bench.py [W1 ...]   (env GREEN_BENCH_SCALE=0.01 to shrink)
Prints one JSON line per workload, {"name", "ns_per_op"}: the median of 5
runs after a warm-up, like bench/run.ts. Not part of CI.
"""
import json
import os
import statistics
import sys
import time

import gevent
from gevent.lock import Semaphore
from gevent.queue import Queue

SCALE = float(os.environ.get("GREEN_BENCH_SCALE", "1"))
RUNS = 5


def scaled(full):
    return max(2, round(full * SCALE))


def ns_per_op(ops, fn):
    start = time.perf_counter_ns()
    fn()
    return (time.perf_counter_ns() - start) / ops


def w1():
    """Spawn N greenlets, each sleep(0) once; joinall. ns per greenlet."""
    n = scaled(100_000)
    return ns_per_op(n, lambda: gevent.joinall([gevent.spawn(gevent.sleep, 0) for _ in range(n)]))


def w2():
    """Two greenlets pass a token through two unbounded Queues. ns per switch (2 per round trip)."""
    n = scaled(100_000)

    def run():
        ping, pong = Queue(), Queue()

        def a():
            for i in range(n):
                ping.put(i)
                pong.get()

        def b():
            for _ in range(n):
                pong.put(ping.get())

        gevent.joinall([gevent.spawn(a), gevent.spawn(b)])

    return ns_per_op(2 * n, run)


def w3():
    """1,000 greenlets, each 100 x (acquire Semaphore(1); sleep(0); release). ns per acquire."""
    tasks, rounds = scaled(1000), 100

    def run():
        sem = Semaphore(1)

        def worker():
            for _ in range(rounds):
                sem.acquire()
                gevent.sleep(0)
                sem.release()

        gevent.joinall([gevent.spawn(worker) for _ in range(tasks)])

    return ns_per_op(tasks * rounds, run)


def w4():
    """A producer and a consumer move N items through Queue(100). ns per item."""
    n = scaled(1_000_000)

    def run():
        q = Queue(100)

        def producer():
            for i in range(n):
                q.put(i)

        def consumer():
            for _ in range(n):
                q.get()

        gevent.joinall([gevent.spawn(producer), gevent.spawn(consumer)])

    return ns_per_op(n, run)


WORKLOADS = {"W1": w1, "W2": w2, "W3": w3, "W4": w4}

if __name__ == "__main__":
    selected = [a.upper() for a in sys.argv[1:]] or list(WORKLOADS)
    for name in selected:
        fn = WORKLOADS[name]
        fn()
        figure = statistics.median(fn() for _ in range(RUNS))
        print(json.dumps({"name": name, "ns_per_op": round(figure, 1), "gevent": gevent.__version__,
                          "python": sys.version.split()[0]}), flush=True)
