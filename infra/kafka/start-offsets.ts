import type { Admin } from 'kafkajs';

/**
 * For a `fromBeginning: false` subscription: the current end of each partition the group has no
 * committed offset for. kafkajs would look "latest" up only at its first fetch, after the group join;
 * a message published in between would be skipped, so the subscription seeks to these offsets instead.
 */
export async function uncommittedPartitionEnds(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<Map<number, string>> {
  const [committed, ends] = await Promise.all([
    admin.fetchOffsets({ groupId, topics: [topic] }),
    admin.fetchTopicOffsets(topic),
  ]);
  const hasCommit = new Set(
    (committed[0]?.partitions ?? [])
      .filter(({ offset }) => Number(offset) >= 0)
      .map(({ partition }) => partition),
  );
  return new Map(
    ends.filter(({ partition }) => !hasCommit.has(partition)).map(({ partition, high }) => [partition, high]),
  );
}
