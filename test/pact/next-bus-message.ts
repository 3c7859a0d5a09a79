import { randomUUID } from 'node:crypto';
import type { MessageFromProviderWithMetadata } from '@pact-foundation/pact';
import type { BusMessage, EventBus } from '../../infra/event-bus.ts';

/**
 * The first message on `topic` that `accept` takes, published after `trigger` ran: how a provider
 * verification gets a message exactly as the simulator puts it on the wire.
 */
export async function nextBusMessage(
  bus: EventBus,
  topic: string,
  trigger: () => unknown,
  accept: (message: BusMessage) => boolean = () => true,
): Promise<BusMessage> {
  const { promise, resolve } = Promise.withResolvers<BusMessage>();
  const subscription = await bus.subscribe({
    groupId: `pact-${randomUUID()}`,
    topic,
    fromBeginning: false,
    handleBatch: async (batch) => {
      const found = batch.find(accept);
      if (found) resolve(found);
    },
  });
  try {
    await trigger();
    const timeout = AbortSignal.timeout(5_000);
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        timeout.addEventListener('abort', () =>
          reject(new Error(`Failed to see a message on ${topic}: none came within 5 s. Check the trigger.`)),
        ),
      ),
    ]);
  } finally {
    await subscription.stop();
  }
}

/** A bus message as a Pact message provider answers: its JSON value, its headers as metadata. */
export function asPactMessage(message: BusMessage): MessageFromProviderWithMetadata {
  return {
    __pactMessageMetadata: { ...message.headers },
    message: JSON.parse(message.value.toString('utf8')),
  };
}
