import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import { hasBrokerErrorType } from './broker-error-type.ts';

/** Partitions of every topic the bus creates, as in the memory adapter and the local broker's default. */
export const TOPIC_PARTITIONS = 3;

/** How long a topic's metadata may lag behind its creation before we give up, ms. */
const METADATA_WAIT_MS = 10_000;
const METADATA_POLL_MS = 100;

/**
 * Creates each topic once, on first use, and waits for its partition leaders, so a publish or a
 * subscribe never races Kafka's auto-creation (which would also ignore our partition count).
 */
export function createTopicEnsurer(admin: () => Promise<Admin>): (topic: string) => Promise<void> {
  const created = new Map<string, Promise<void>>();
  return (topic) => {
    let creation = created.get(topic);
    if (creation === undefined) {
      creation = (async () => {
        const client = await admin();
        try {
          await client.createTopics({
            topics: [{ topic, numPartitions: TOPIC_PARTITIONS }],
            waitForLeaders: true,
          });
        } catch (error) {
          // A KRaft broker may answer the leader wait right after a creation (ours, or another
          // process's a moment before) with UNKNOWN_TOPIC_OR_PARTITION: the topic exists, its
          // metadata lags. kafkajs gives up on that; we wait for the metadata ourselves.
          if (!hasBrokerErrorType(error, 'UNKNOWN_TOPIC_OR_PARTITION')) throw error;
          await waitForMetadata(client, topic);
        }
      })();
      // A failed attempt is forgotten so the next use tries again.
      creation.catch(() => created.delete(topic));
      created.set(topic, creation);
    }
    return creation;
  };
}

async function waitForMetadata(admin: Admin, topic: string): Promise<void> {
  const deadline = performance.now() + METADATA_WAIT_MS;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = topics[0]?.partitions ?? [];
      if (partitions.length > 0 && partitions.every((p) => p.leader >= 0)) return;
    } catch (error) {
      if (!hasBrokerErrorType(error, 'UNKNOWN_TOPIC_OR_PARTITION') || performance.now() > deadline)
        throw error;
    }
    if (performance.now() > deadline)
      throw new Error(
        `Failed to create topic ${topic}: its partitions have no leader after ${METADATA_WAIT_MS} ms. Check the broker's health.`,
      );
    await sleep(METADATA_POLL_MS);
  }
}
