/**
 * The hub's FIFO of ready callbacks: `(fn, arg)` pairs in fixed-size
 * segments linked in order.
 *
 * Why segments rather than one ring that doubles: a burst (100,000 spawns)
 * needs room for every pending start at once; a ring would copy itself at
 * each doubling and keep its largest size for ever, while segments are
 * dropped as the hub consumes them (one is kept as a spare, so steady
 * traffic allocates nothing).
 *
 * @module
 */

/** Pairs per segment. */
const SEGMENT = 1024;
/**
 * Pairs in a queue's first segment. Why smaller: every green process makes
 * one hub, so one queue, at its first thread, and most never hold more than
 * a few dozen callbacks at once; a full segment is 16 KB of the young
 * generation at startup, which fills it towards V8's first scavenge (README,
 * "hello-threading, measured again"). A queue that outgrows it goes on in
 * full segments.
 */
const FIRST_SEGMENT = 64;

class Segment {
  /** fn, arg, fn, arg, … */
  readonly items: unknown[];
  next: Segment | null = null;

  constructor(readonly pairs: number) {
    this.items = new Array(2 * pairs).fill(undefined);
  }
}

/**
 * A FIFO of `(fn, arg)` pairs.
 *
 * @example
 * const q = new ReadyQueue();
 * q.push(console.log, 'hi');
 * const fn = q.firstFn(), arg = q.firstArg();
 * q.dropFirst();
 * fn(arg);
 */
export class ReadyQueue<F> {
  /** Pairs queued. */
  length = 0;
  private head = new Segment(FIRST_SEGMENT);
  private headIndex = 0;
  private tail = this.head;
  private tailIndex = 0;
  private spare: Segment | null = null;

  /** Append `fn` with `arg`. */
  push(fn: F, arg: unknown): void {
    if (this.tailIndex === this.tail.pairs) {
      const s = this.spare ?? new Segment(SEGMENT);
      this.spare = null;
      this.tail.next = s;
      this.tail = s;
      this.tailIndex = 0;
    }
    const items = this.tail.items;
    const i = 2 * this.tailIndex++;
    items[i] = fn;
    items[i + 1] = arg;
    this.length++;
  }

  /** The first pair's callback (the queue must not be empty). */
  firstFn(): F {
    return this.head.items[2 * this.headIndex] as F;
  }

  /** The first pair's argument (the queue must not be empty). */
  firstArg(): unknown {
    return this.head.items[2 * this.headIndex + 1];
  }

  /** Remove the first pair (the queue must not be empty). */
  dropFirst(): void {
    const head = this.head;
    const i = 2 * this.headIndex++;
    head.items[i] = undefined;
    head.items[i + 1] = undefined;
    this.length--;
    if (this.length === 0) {
      // Empty (so head is also the tail): start over at its front.
      this.headIndex = this.tailIndex = 0;
    } else if (this.headIndex === head.pairs) {
      this.head = head.next!;
      this.headIndex = 0;
      head.next = null;
      if (head.pairs === SEGMENT) this.spare = head; // the small first one is let go
    }
  }
}
