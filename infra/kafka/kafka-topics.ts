import type { Admin } from 'kafkajs';

/** Partitions of every topic the bus creates, as in the memory adapter and the local broker's default. */
export const TOPIC_PARTITIONS = 3;

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
        await (await admin()).createTopics({
          topics: [{ topic, numPartitions: TOPIC_PARTITIONS }],
          waitForLeaders: true,
        });
      })();
      // A failed attempt is forgotten so the next use tries again.
      creation.catch(() => created.delete(topic));
      created.set(topic, creation);
    }
    return creation;
  };
}
