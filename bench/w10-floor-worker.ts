/**
 * The W10 floor's worker (a plain `node:worker_threads` worker, no
 * green-loader): what a Node user writes to stream items between two
 * threads — the producer posts `0 … n - 1` on a `MessagePort` once the
 * main thread says go, the consumer counts them and stores the wall-clock
 * time of the last one (`performance.timeOrigin + performance.now()`) in
 * `end[0]`, their sum in `end[1]`.
 *
 * @module
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

const { port, role, n, end } = workerData as { port: MessagePort; role: 'producer' | 'consumer'; n: number; end: Float64Array };

if (role === 'producer') {
  parentPort!.once('message', () => {
    for (let i = 0; i < n; i++) port.postMessage(i);
    port.close();
  });
} else {
  let count = 0;
  let sum = 0;
  port.on('message', (item: number) => {
    sum += item;
    if (++count === n) {
      end[0] = performance.timeOrigin + performance.now();
      end[1] = sum;
      port.close();
    }
  });
}
parentPort!.postMessage('ready');
