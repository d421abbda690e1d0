/**
 * W10 thread bodies: a producer and a consumer moving numbers through a
 * native `Queue`, run as module targets of two native threads. Both wait
 * for `go` so that thread start-up is not timed; the consumer stores the
 * wall-clock time (`performance.timeOrigin + performance.now()`, comparable
 * across threads) of its last item in `end[0]`.
 *
 * @module
 */

interface QueueLike {
  put(item: unknown): Promise<void>;
  get(): Promise<unknown>;
}
interface EventLike {
  wait(): Promise<boolean>;
}

/**
 * Put `0 … n - 1` once `go` is set.
 *
 * @example
 * new Thread({ target: { module: url, export: 'producer' }, args: [q, n, go] });
 */
export async function producer(q: QueueLike, n: number, go: EventLike): Promise<void> {
  await go.wait();
  for (let i = 0; i < n; i++) await q.put(i);
}

/**
 * Get `n` items once `go` is set; record when the last one arrived in `end[0]`
 * and their sum in `end[1]` (so the work cannot be skipped).
 *
 * @example
 * new Thread({ target: { module: url, export: 'consumer' }, args: [q, n, go, end] });
 */
export async function consumer(q: QueueLike, n: number, go: EventLike, end: Float64Array): Promise<void> {
  await go.wait();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (await q.get()) as number;
  end[0] = performance.timeOrigin + performance.now();
  end[1] = sum;
}
