import { describe, expect, it } from 'vitest';
import { actionOf, salesforceChangeEventSchema } from './salesforce-change-event.ts';

/** A change event as a real org sends it: ids of its own pods, not the simulated org's numbered ones. */
const event = (changeType: string, recordIds: string[]) => ({
  schema: 'kB3mJ7Vq1xq4Zb0kq6v1Aw',
  payload: {
    ChangeEventHeader: {
      entityName: 'Account',
      recordIds,
      changeType,
      changeOrigin: '',
      transactionKey: '8e4f2a11-6a0b-4c3d-9e8f-001122334455',
      sequenceNumber: 1,
      commitTimestamp: 1795348800000,
      commitNumber: 12,
      commitUser: '005D0000001AbCdIAK',
      nulledFields: [],
      diffFields: [],
      changedFields: [],
    },
  },
  event: { replayId: 12 },
});
const actionFor = (changeType: string, recordIds: string[]) =>
  actionOf(salesforceChangeEventSchema.parse(event(changeType, recordIds)));

describe('what a Salesforce change event asks of the sync service', () => {
  it('fetches the records a real org names, by their canonical 18-character ids', () => {
    expect(actionFor('UPDATE', ['001A0000006Vm9rIAC', '001D000000IRFma'])).toEqual({
      kind: 'fetch',
      entity: 'company',
      ids: ['001A0000006Vm9rIAC', '001D000000IRFmaIAH'],
    });
    expect(actionFor('GAP_DELETE', ['001a0000006vm9riac'])).toMatchObject({ ids: ['001A0000006Vm9rIAC'] });
  });

  it('re-reads the entity type for an overflow (the empty id) and every record for `001*`', () => {
    expect(actionFor('GAP_OVERFLOW', ['000000000000000AAA'])).toEqual({
      kind: 'reread',
      entity: 'company',
      since: 'commit',
    });
    expect(actionFor('UPDATE', ['001*'])).toEqual({ kind: 'reread', entity: 'company', since: 'ever' });
  });

  it('refuses an event that names something that is not an id, so it is parked, not fetched', () => {
    for (const bad of ['not-a-crm-id', '001A0000006Vm9rZAC', '42'])
      expect(salesforceChangeEventSchema.safeParse(event('UPDATE', [bad])).success).toBe(false);
  });
});
