import { describe, expect, it, vi } from 'vitest';
import type { BusMessage } from '../../../infra/event-bus.ts';
import { createMemoryBus } from '../../../infra/memory/memory-bus.ts';
import { CrmStore } from '../crm-store.ts';
import { fixtureCrmBase } from '../fixture-crm-base.ts';
import type { ChangeEventMessage } from './change-event-message.ts';
import { salesforceChangeEvents } from './salesforce-change-events.ts';
import { salesforceId } from './salesforce-id.ts';

const NOW = Date.UTC(2026, 0, 15, 10, 0, 0);
const api = { channel: 'api', client: 'corebridge' } as const;

async function harness() {
  const bus = createMemoryBus();
  const store = new CrmStore(fixtureCrmBase(3), { now: () => NOW });
  const cdc = salesforceChangeEvents({ store, bus, topic: 'cdc', clock: { now: () => NOW } });
  const received: BusMessage[] = [];
  await bus.subscribe({
    groupId: 't',
    topic: 'cdc',
    handleBatch: async (batch) => void received.push(...batch),
  });
  const events = async (count: number) => {
    await cdc.flush();
    await vi.waitFor(() => expect(received).toHaveLength(count));
    return [...received]
      .sort((a, b) => eventOf(a).event.replayId - eventOf(b).event.replayId)
      .map((message) => ({ channel: message.headers.channel, key: message.key, ...eventOf(message) }));
  };
  return { bus, store, cdc, events };
}

function eventOf(message: BusMessage): ChangeEventMessage {
  return JSON.parse(message.value.toString()) as ChangeEventMessage;
}

describe('Salesforce change events', () => {
  it('publishes create, update and delete events with the header Salesforce sends', async () => {
    const { bus, store, cdc, events } = await harness();
    const created = store.create(
      'contact',
      {
        companyId: '1',
        firstName: 'Анна',
        lastName: 'Иванова',
        middleName: null,
        phone: null,
        email: 'anna@example.ru',
        position: null,
      },
      api,
    );
    store.update(
      'contact',
      created.id,
      { lastName: 'Смирнова', phone: null, email: null },
      { channel: 'ui', client: null },
    );
    store.greyEdit('contact', created.id, { position: 'CFO' });
    store.remove('contact', created.id, api);

    const [create, update, remove] = await events(3);
    const id = salesforceId('003', Number(created.id));
    expect(create).toMatchObject({
      channel: '/data/ContactChangeEvent',
      key: id,
      event: { replayId: 1 },
      payload: {
        ChangeEventHeader: {
          entityName: 'Contact',
          recordIds: [id],
          changeType: 'CREATE',
          changeOrigin: 'com/salesforce/api/rest/60.0;client=corebridge',
          sequenceNumber: 1,
          commitTimestamp: NOW,
          commitNumber: 1,
          changedFields: [],
          nulledFields: [],
          diffFields: [],
        },
        Name: { FirstName: 'Анна', MiddleName: null, LastName: 'Иванова' },
        AccountId: salesforceId('001', 1),
        Email: 'anna@example.ru',
        CreatedDate: new Date(NOW).toISOString(),
      },
    });
    expect(create?.payload.ChangeEventHeader.transactionKey).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(create?.payload.ChangeEventHeader.commitUser).toMatch(/^005[0-9A-Za-z]{15}$/);
    expect(create?.payload).not.toHaveProperty('Id');

    // Only the phone did not change: it is neither in the payload nor in changedFields.
    expect(update?.payload).toEqual({
      ChangeEventHeader: expect.objectContaining({
        changeType: 'UPDATE',
        changeOrigin: '',
        changedFields: ['Name.LastName', 'Email', 'LastModifiedDate'],
        nulledFields: ['Email'],
      }),
      Name: { LastName: 'Смирнова' },
      Email: null,
      LastModifiedDate: new Date(NOW).toISOString(),
    });
    // The grey edit emitted nothing; the delete carries the header alone.
    expect(remove?.event.replayId).toBe(3);
    expect(remove?.payload).toEqual({
      ChangeEventHeader: expect.objectContaining({
        changeType: 'DELETE',
        recordIds: [id],
        changedFields: [],
      }),
    });
    await cdc.stop();
    await bus.stop();
  });

  it('emits gap and overflow events with the header only, and names custom channels with __ChangeEvent', async () => {
    const { bus, store, cdc, events } = await harness();
    const ids = [salesforceId('001', 1), salesforceId('001', 2)];
    cdc.emitGap('GAP_UPDATE', 'Account', ids);
    cdc.emitGap('GAP_OVERFLOW', 'Account', ids);
    store.update('authority', '4', { validTo: '2027-01-01' }, api);
    const [gap, overflow, authority] = await events(3);
    expect(gap?.payload).toEqual({
      ChangeEventHeader: expect.objectContaining({
        entityName: 'Account',
        recordIds: ids,
        changeType: 'GAP_UPDATE',
        changeOrigin: '',
        sequenceNumber: 1,
        commitTimestamp: NOW,
        changedFields: [],
        nulledFields: [],
        diffFields: [],
      }),
    });
    expect(overflow?.payload.ChangeEventHeader).toMatchObject({ changeType: 'GAP_OVERFLOW', recordIds: [] });
    expect(authority).toMatchObject({
      channel: '/data/Authority__ChangeEvent',
      payload: {
        ChangeEventHeader: { changedFields: ['Valid_To__c', 'LastModifiedDate'] },
        Valid_To__c: '2027-01-01',
      },
    });
    expect(() => cdc.emitGap('GAP_CREATE', 'Opportunity', [])).toThrow(/not an sObject/);
    await cdc.stop();
    await bus.stop();
  });

  it('stops publishing after stop()', async () => {
    const { bus, store, cdc, events } = await harness();
    store.update('company', '1', { phone: null }, api);
    await events(1);
    await cdc.stop();
    store.update('company', '1', { phone: '+7' }, api);
    await cdc.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await events(1)).toHaveLength(1);
    await bus.stop();
  });
});
