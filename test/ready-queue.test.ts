/**
 * The hub's ready queue: first in, first out across its segments (a small
 * first one, then full ones, one kept as a spare), and back to its front
 * whenever it empties.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadyQueue } from '../runtime/ready-queue.js';

/** Drain `q`, returning its `[fn, arg]` pairs in order. */
function drain<F>(q: ReadyQueue<F>): [F, unknown][] {
  const out: [F, unknown][] = [];
  while (q.length > 0) {
    out.push([q.firstFn(), q.firstArg()]);
    q.dropFirst();
  }
  return out;
}

const pairs = (from: number, to: number): [string, number][] => Array.from({ length: to - from }, (_, i) => [`f${from + i}`, from + i]);

test('ReadyQueue keeps order across the first segment and the full ones after it', () => {
  const q = new ReadyQueue<string>();
  // 64 pairs fill the first segment; 1,024 more fill one full segment; then into a second.
  const all = pairs(0, 64 + 1024 + 1024 + 7);
  for (const [fn, arg] of all) q.push(fn, arg);
  assert.equal(q.length, all.length);
  assert.deepEqual(drain(q), all);
  assert.equal(q.length, 0);
});

test('ReadyQueue interleaves pushes and drops over segment boundaries, reusing a spare', () => {
  const q = new ReadyQueue<string>();
  const seen: [string, unknown][] = [];
  let next = 0;
  // Three rounds of: push 700, take 500 — each round crosses a boundary with pairs still queued.
  for (let round = 0; round < 3; round++) {
    for (const [fn, arg] of pairs(next, next + 700)) q.push(fn, arg);
    next += 700;
    for (let i = 0; i < 500; i++) {
      seen.push([q.firstFn(), q.firstArg()]);
      q.dropFirst();
    }
  }
  seen.push(...drain(q));
  assert.deepEqual(seen, pairs(0, next));
});

test('ReadyQueue starts over at the front of its segment once empty', () => {
  const q = new ReadyQueue<string>();
  const inside = q as unknown as { head: object; tail: object; headIndex: number; tailIndex: number };
  const first = inside.head;
  // 100 push/drop rounds, more than the 64 pairs of the first segment: each empties the queue, so none leaves it.
  for (let round = 0; round < 100; round++) {
    q.push('fn', round);
    assert.equal(q.firstArg(), round);
    q.dropFirst();
  }
  assert.equal(inside.head, first);
  assert.equal(inside.tail, first);
  assert.deepEqual([inside.headIndex, inside.tailIndex, q.length], [0, 0, 0]);
  q.push('fn', 'last');
  assert.deepEqual(drain(q), [['fn', 'last']]);
});
