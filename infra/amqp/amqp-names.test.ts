import { describe, expect, it } from 'vitest';
import { membersQueueName, partitionQueueName } from './amqp-names.ts';

describe('amqp names', () => {
  it('keeps usual names readable', () => {
    expect(partitionQueueName('abs.postings', 'sync-service', 2)).toBe('abs.postings:sync-service:2');
    expect(membersQueueName('abs.postings', 'sync-service')).toBe('abs.postings:sync-service:members');
  });

  it('never gives two (topic, group) pairs the same queue', () => {
    expect(partitionQueueName('a:b', 'c', 0)).not.toBe(partitionQueueName('a', 'b:c', 0));
    expect(membersQueueName('a', 'members:0')).not.toBe(partitionQueueName('a', 'members', 0));
  });
});
