/**
 * The last `capacity` items pushed, oldest first. Pushing past the capacity overwrites the oldest
 * in place, so memory stays one array of `capacity` slots however long the run.
 */
export class RingBuffer<T> {
  readonly capacity: number;
  private readonly slots: (T | undefined)[];
  /** Slot the next push writes. */
  private head = 0;
  private count = 0;
  /** The items in order, built on first read after a push: readers poll far less often than traffic pushes. */
  private view: readonly T[] | undefined;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(
        `Failed to create a ring buffer: capacity ${capacity} is not a whole number ≥ 1. Pass one.`,
      );
    this.capacity = capacity;
    this.slots = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds `item`, overwriting the oldest when full. */
  push(item: T): void {
    this.slots[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    this.view = undefined;
  }

  /** The `i`-th oldest item held (0 is the oldest). */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.slots[(this.head - this.count + i + this.capacity) % this.capacity];
  }

  toArray(): readonly T[] {
    this.view ??= Object.freeze(Array.from({ length: this.count }, (_, i) => this.at(i) as T));
    return this.view;
  }
}
