/**
 * W8: a greenlet that loops `await sleep(0)` must not starve timers and I/O.
 * For 1 s one greenlet spins on `sleep(0)` while a 1 ms `setInterval`
 * records its worst lateness and a loopback HTTP client (node:http on
 * 127.0.0.1, port 0, keep-alive) sends sequential requests, bounded in count
 * and time. Figures: `max_timer_lateness_ms`, `p99_request_ms`, plus the
 * request and spin counts.
 *
 * @module
 */
import { request, createServer, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { sleep, spawn } from '../runtime/index.js';
import type { Figures, Workload } from './harness.js';

const MAX_REQUESTS = 5000;

/** One GET to the loopback server; resolves when the body has been read. */
function get(port: number, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, agent, path: '/' }, (res) => res.resume().on('end', resolve).on('error', reject))
      .on('error', reject)
      .end();
  });
}

/** The 99th percentile (nearest rank) of `values`. */
function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
}

/**
 * The W8 workload (1 s at scale 1, at least 50 ms).
 *
 * @example
 * console.log(await w8.run(0.05)); // { max_timer_lateness_ms, p99_request_ms, requests, spins }
 */
export const w8: Workload = {
  id: 'W8',
  name: 'sleep(0) spinner vs 1 ms timer + loopback HTTP (ms)',
  async run(scale): Promise<Figures> {
    const server = createServer((_req, res) => res.end('ok')).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const end = performance.now() + Math.max(50, 1000 * scale);
    let lateness = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      lateness = Math.max(lateness, now - last - 1);
      last = now;
    }, 1);
    let spins = 0;
    const spinner = spawn(async () => {
      while (performance.now() < end) {
        await sleep(0);
        spins++;
      }
    });
    const latencies: number[] = [];
    do {
      const start = performance.now();
      await get(port, agent);
      latencies.push(performance.now() - start);
    } while (performance.now() < end && latencies.length < MAX_REQUESTS);
    await spinner.join();
    clearInterval(timer);
    agent.destroy();
    server.close();
    return { max_timer_lateness_ms: lateness, p99_request_ms: p99(latencies), requests: latencies.length, spins };
  },
};
