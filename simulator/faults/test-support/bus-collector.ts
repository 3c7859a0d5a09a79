import { setTimeout as sleep } from 'node:timers/promises';
import type { BusMessage, EventBus } from '../../../infra/event-bus.ts';

/** Everything consumed from `topic`, in consumption order, for asserting what reached the wire. */
export async function collect(bus: EventBus, topic: string) {
  const messages: BusMessage[] = [];
  const subscription = await bus.subscribe({
    groupId: `collector-${topic}`,
    topic,
    handleBatch: async (batch) => {
      messages.push(...batch);
    },
  });
  return {
    messages,
    values: () => messages.map((m) => m.value.toString('utf8')),
    /** Waits until `count` messages arrived (or `timeoutMs` passed, and the assertion after says what is missing). */
    async atLeast(count: number, timeoutMs = 5_000): Promise<BusMessage[]> {
      for (let waited = 0; messages.length < count && waited < timeoutMs; waited += 10) await sleep(10);
      return messages;
    },
    stop: () => subscription.stop(),
  };
}
