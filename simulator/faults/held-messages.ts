import { type Random, shuffled } from './seeded-random.ts';

export interface ReleasedMessage<M> {
  readonly topic: string;
  readonly message: M;
}

interface Held<M> extends ReleasedMessage<M> {
  readonly releaseAt: number;
  readonly order: number;
}

interface ReorderWindow<M> {
  readonly topic: string;
  readonly items: M[];
  readonly releaseAt: number;
  readonly random: Random;
}

/**
 * Messages a stage holds back: delayed ones until their clock time, and `withinMessages` reorder
 * windows until they fill up or wait too long. Released in clock order, ties in hold order, so
 * the same holds release the same way.
 */
export class HeldMessages<M> {
  private held: Held<M>[] = [];
  private readonly windows = new Map<string, ReorderWindow<M>>();
  private order = 0;

  hold(topic: string, message: M, releaseAt: number): void {
    this.held.push({ topic, message, releaseAt, order: this.order++ });
  }

  /**
   * Adds to the reorder window `windowKey`; returns the whole window shuffled once it holds `size`
   * messages. `random` and the deadline come from the message that opened the window.
   */
  addToWindow(
    windowKey: string,
    topic: string,
    message: M,
    size: number,
    deadline: number,
    random: Random,
  ): M[] | undefined {
    let window = this.windows.get(windowKey);
    if (!window) {
      window = { topic, items: [], releaseAt: deadline, random };
      this.windows.set(windowKey, window);
    }
    window.items.push(message);
    if (window.items.length < size) return undefined;
    this.windows.delete(windowKey);
    return shuffled(window.items, window.random);
  }

  takeDue(now: number): ReleasedMessage<M>[] {
    for (const [key, window] of this.windows) {
      if (window.releaseAt > now) continue;
      this.windows.delete(key);
      for (const message of shuffled(window.items, window.random))
        this.hold(window.topic, message, window.releaseAt);
    }
    const due = this.held
      .filter((h) => h.releaseAt <= now)
      .sort((a, b) => a.releaseAt - b.releaseAt || a.order - b.order);
    this.held = this.held.filter((h) => h.releaseAt > now);
    return due.map(({ topic, message }) => ({ topic, message }));
  }

  nextDueAt(): number | undefined {
    const times = [
      ...this.held.map((h) => h.releaseAt),
      ...[...this.windows.values()].map((w) => w.releaseAt),
    ];
    return times.length === 0 ? undefined : Math.min(...times);
  }

  get size(): number {
    let size = this.held.length;
    for (const window of this.windows.values()) size += window.items.length;
    return size;
  }
}
