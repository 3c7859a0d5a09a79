import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { sequencedMessageSchema } from '../../contracts/feeds/sequenced-message.ts';
import type { BusMessage } from '../../infra/event-bus.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { createFaultEngine, messageFaults } from '../faults/index.ts';
import { SequencedFeed } from '../feeds/sequenced-feed.ts';
import { CRM_MQ_TOPIC, startCrmMqFeed } from './crm-mq-feed.ts';
import { CrmStore } from './crm-store.ts';
import { fixtureCrmBase } from './fixture-crm-base.ts';

const api = { channel: 'api', client: 'corebridge' } as const;
const messageSchema = sequencedMessageSchema(z.unknown());

describe('CRM MQ feed', () => {
  it('publishes card and authority changes with per-entity sequence numbers, and nothing for grey edits', async () => {
    const clock = { now: () => Date.UTC(2026, 10, 21) };
    await using bus = createMemoryBus();
    const store = new CrmStore(fixtureCrmBase(3), clock);
    const feed = new SequencedFeed({
      source: 'crm',
      topic: CRM_MQ_TOPIC,
      bus,
      stage: messageFaults(createFaultEngine({ seed: 1, clock }), 'crm.mq'),
    });
    startCrmMqFeed(store, feed);
    const received: BusMessage[] = [];
    await bus.subscribe({
      groupId: 't',
      topic: CRM_MQ_TOPIC,
      handleBatch: async (b) => void received.push(...b),
    });

    store.update('company', '1', { phone: '+7 1' }, api);
    store.update('company', '1', { phone: '+7 2' }, api);
    store.greyEdit('company', '1', { phone: '+7 3' });
    store.update('company', '2', { phone: '+7 4' }, api);
    store.update('task', '3', { status: 'done' }, api);
    store.remove('company', '1', api);

    await vi.waitFor(() => expect(received).toHaveLength(4));
    const messages = received.map((m) => messageSchema.parse(JSON.parse(m.value.toString())));
    expect(messages.map((m) => [m.entity, m.id, m.sequence, m.operation])).toEqual([
      ['company', '1', 1, 'update'],
      ['company', '1', 2, 'update'],
      ['company', '2', 1, 'update'],
      // The grey edit moved company 1 on unseen; the feed still counts only what it emitted.
      ['company', '1', 3, 'delete'],
    ]);
    expect(messages[1]?.state).toMatchObject({ phone: '+7 2' });
    expect(messages[3]?.state).toBeNull();
    expect(feed.referenceOf('company', '1')?.lastSequence).toBe(3);
    // One client's messages share a key, so they stay in order on the bus.
    expect(new Set(received.filter((m) => m.key === '1').map((m) => m.partition)).size).toBe(1);
  });
});
