import type { EventBus, SubscribeOptions, Subscription } from '../../../infra/event-bus.ts';
import { isAbandonable, type MemorySubscription } from '../../../infra/memory/memory-bus.ts';

/** One sync instance's view of a shared memory bus, which can die with the instance. */
export interface CrashableBus extends EventBus {
  /** Abandons every subscription made through this view (no offsets committed) and refuses all later use. */
  crash(): void;
}

/**
 * The bus as one in-process instance sees it. The bus itself stays up (it stands for the broker);
 * only this instance's consumers die, as a killed process's consumers do, and a late call from the
 * dead instance's leftover code fails as it would if the process were gone.
 */
export function crashableBus(bus: EventBus): CrashableBus {
  const subscriptions: MemorySubscription[] = [];
  let crashed = false;
  const failIfCrashed = (action: string) => {
    if (crashed)
      throw new Error(
        `Failed to ${action}: this sync instance was crashed. A crashed instance's leftovers must not reach the bus.`,
      );
  };
  const view: CrashableBus = {
    kind: bus.kind,
    async publish(topic, messages) {
      failIfCrashed(`publish to ${topic}`);
      await bus.publish(topic, messages);
    },
    async subscribe(options: SubscribeOptions): Promise<Subscription> {
      failIfCrashed(`subscribe to ${options.topic}`);
      const subscription = await bus.subscribe(options);
      if (!isAbandonable(subscription))
        throw new Error(
          `Failed to subscribe a crashable instance to ${options.topic}: the ${bus.kind} bus cannot abandon a consumer. Emulated crashes need the memory bus; with a real broker, run the sync service as a process and kill it.`,
        );
      subscriptions.push(subscription);
      if (crashed) subscription.abandon();
      return subscription;
    },
    async ping() {
      failIfCrashed('reach the bus');
      await bus.ping();
    },
    crash() {
      crashed = true;
      for (const subscription of subscriptions) subscription.abandon();
    },
    // The bus belongs to the run, not to the instance: stopping the instance leaves it running.
    async stop() {},
    async [Symbol.asyncDispose]() {},
  };
  return view;
}
