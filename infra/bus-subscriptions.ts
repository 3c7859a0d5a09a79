import type { Subscription } from './event-bus.ts';

export interface BusSubscriptions {
  /** Throws once the bus is stopping: a stopped bus is not restarted, a new one is created. */
  failIfStopped(action: string): void;
  /**
   * Takes a started subscription into the bus. Starting is async, so the bus may have begun
   * stopping meanwhile; then the subscription is stopped at once and `action` fails.
   */
  adopt(subscription: Subscription, action: string): Promise<Subscription>;
  /** Stops every subscription, then runs the bus's `close`; only once however often called. */
  stop(): Promise<void>;
}

/** The live subscriptions of a broker-backed bus and its one-way stop, shared by Kafka and AMQP. */
export function createBusSubscriptions(busName: string, close: () => Promise<void>): BusSubscriptions {
  const subscriptions = new Set<Subscription>();
  let stopping: Promise<void> | undefined;

  const failIfStopped = (action: string): void => {
    if (stopping) throw new Error(`Failed to ${action}: the ${busName} bus is stopped. Create a new bus.`);
  };

  return {
    failIfStopped,

    async adopt(subscription, action) {
      if (stopping) {
        await subscription.stop();
        failIfStopped(action);
      }
      subscriptions.add(subscription);
      return {
        async stop() {
          subscriptions.delete(subscription);
          await subscription.stop();
        },
      };
    },

    stop() {
      stopping ??= (async () => {
        await Promise.allSettled([...subscriptions].map((subscription) => subscription.stop()));
        subscriptions.clear();
        await close();
      })();
      return stopping;
    },
  };
}
