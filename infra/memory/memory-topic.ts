import type { BusMessage } from '../event-bus.ts';

/** An append-only log per partition, with a wake-up signal for idle consumers. */
export class MemoryTopic {
  readonly partitions: BusMessage[][];
  private waiters: Array<() => void> = [];

  readonly name: string;

  constructor(name: string, partitionCount: number) {
    this.name = name;
    this.partitions = Array.from({ length: partitionCount }, () => []);
  }

  append(message: BusMessage): void {
    this.partitions[message.partition]?.push(message);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves on the next append, or after `timeoutMs` so stopping consumers notice promptly. */
  nextAppend(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
