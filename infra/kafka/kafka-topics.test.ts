import type { Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createTopicEnsurer } from './kafka-topics.ts';

const unknownTopic = () =>
  Object.assign(new Error('This server does not host this topic-partition'), {
    type: 'UNKNOWN_TOPIC_OR_PARTITION',
  });

/** An admin whose creation answers as a KRaft broker does while the new topic's metadata lags. */
function laggingAdmin(lagging: number) {
  let metadataCalls = 0;
  const admin = {
    createTopics: async () => {
      throw unknownTopic();
    },
    fetchTopicMetadata: async () => {
      metadataCalls += 1;
      if (metadataCalls <= lagging) throw unknownTopic();
      return { topics: [{ name: 't', partitions: [0, 1, 2].map((p) => ({ partitionId: p, leader: 1 })) }] };
    },
  };
  return { admin: admin as unknown as Admin, calls: () => metadataCalls };
}

describe('topic ensurer', () => {
  it('waits out a topic whose metadata lags behind its creation instead of failing', async () => {
    const { admin, calls } = laggingAdmin(2);
    await expect(createTopicEnsurer(async () => admin)('t')).resolves.toBeUndefined();
    expect(calls()).toBe(3);
  });

  it('passes on any other broker error', async () => {
    const admin = {
      createTopics: async () => {
        throw Object.assign(new Error('not authorized'), { type: 'TOPIC_AUTHORIZATION_FAILED' });
      },
    } as unknown as Admin;
    await expect(createTopicEnsurer(async () => admin)('t')).rejects.toThrow('not authorized');
  });
});
