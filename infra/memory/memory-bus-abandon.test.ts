import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../event-bus.ts';
import { createMemoryBus, isAbandonable } from './memory-bus.ts';

const offsets = (batch: readonly BusMessage[]) => batch.map((m) => m.offset);

describe('memory bus: an abandoned consumer', () => {
  it('leaves its group at once and commits nothing, so the next member gets the batch it held', async () => {
    await using bus = createMemoryBus({ partitions: 1 });
    await bus.publish('t', [
      { key: 'k', value: 'a' },
      { key: 'k', value: 'b' },
    ]);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let dead: readonly BusMessage[] = [];
    const first = await bus.subscribe({
      groupId: 'g',
      topic: 't',
      handleBatch: async (batch) => {
        dead = batch;
        await held; // the process is killed while this batch is in hand
      },
    });
    await expect.poll(() => dead.length).toBe(2);
    expect(isAbandonable(first)).toBe(true);
    if (isAbandonable(first)) first.abandon();

    const seen: number[][] = [];
    const second = await bus.subscribe({
      groupId: 'g',
      topic: 't',
      handleBatch: async (batch) => {
        seen.push(offsets(batch));
      },
    });
    await expect.poll(() => seen).toEqual([[0, 1]]);
    await bus.publish('t', [{ key: 'k', value: 'c' }]);
    await expect.poll(() => seen).toEqual([[0, 1], [2]]);
    // The dead member's handler finishing late must not commit its old position over the new
    // member's progress (which would hand offset 2 out again).
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await bus.publish('t', [{ key: 'k', value: 'd' }]);
    await expect.poll(() => seen).toEqual([[0, 1], [2], [3]]);
    await second.stop();
  });

  it('does not hold up the bus stopping while its handler is still running', async () => {
    const bus = createMemoryBus({ partitions: 1 });
    await bus.publish('t', [{ key: 'k', value: 'a' }]);
    let started = false;
    const subscription = await bus.subscribe({
      groupId: 'g',
      topic: 't',
      handleBatch: () => {
        started = true;
        return new Promise<void>(() => {}); // never settles, as a killed process's work
      },
    });
    await expect.poll(() => started).toBe(true);
    if (isAbandonable(subscription)) subscription.abandon();
    await expect(bus.stop()).resolves.toBeUndefined();
  });
});
