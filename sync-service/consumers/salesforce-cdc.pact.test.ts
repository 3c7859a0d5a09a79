import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { actionOf, salesforceChangeEventSchema } from '../crm/salesforce-change-event.ts';
import { salesforceIdOf } from '../crm/salesforce-ids.ts';

const { like, eachLike, integer, regex } = MatchersV3;

/**
 * Salesforce Change Data Capture, relayed to `crm.salesforce.cdc`: the org's event stream is an
 * interface of its own (provider `crm-salesforce-cdc`), verified against the Salesforce flavor.
 */
const pact = new PactV4({
  consumer: 'corebridge-sync',
  provider: 'crm-salesforce-cdc',
  dir: 'contracts/pacts',
  logLevel: 'warn',
});

/** Account 42 of the org, as an 18-character id. */
const ACCOUNT = salesforceIdOf('001', '42') as string;
const sfId = (example: string) => regex('^[0-9A-Za-z]{18}$', example);

const header = (changeType: string, recordIds: unknown, changedFields: unknown) => ({
  entityName: 'Account',
  recordIds,
  changeType,
  changeOrigin: like(''),
  transactionKey: like('8e4f2a11-6a0b-4c3d-9e8f-001122334455'),
  sequenceNumber: integer(1),
  commitTimestamp: integer(1795348800000),
  commitNumber: integer(12),
  commitUser: regex('^005[0-9A-Za-z]{15}$', '0055g0000000001AAA'),
  nulledFields: [],
  diffFields: [],
  changedFields,
});
const CHANNEL = { channel: '/data/AccountChangeEvent' };

describe('crm.salesforce.cdc, as the sync service consumes it (consumer message pact)', () => {
  it('receives an Account change event naming the record and the fields that changed', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('an Account change event', (b) =>
        b
          .withJSONContent({
            schema: like('kB3mJ7Vq1xq4Zb0kq6v1Aw'),
            payload: {
              ChangeEventHeader: header('UPDATE', eachLike(sfId(ACCOUNT)), eachLike('Name')),
              Name: like('ООО «Ромашка-2»'),
              LastModifiedDate: regex(
                '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$',
                '2026-11-21T12:00:00.000Z',
              ),
            },
            event: { replayId: integer(12) },
          })
          .withMetadata(CHANNEL),
      )
      .executeTest(async (message) => {
        const event = salesforceChangeEventSchema.parse(message.contents.content);
        expect(actionOf(event)).toEqual({ kind: 'fetch', entity: 'company', ids: ['42'] });
      });
  });

  it('receives a GAP_UPDATE event naming the record Salesforce could not describe', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a GAP_UPDATE event for an Account', (b) =>
        b
          .withJSONContent({
            schema: like('kB3mJ7Vq1xq4Zb0kq6v1Aw'),
            payload: { ChangeEventHeader: header('GAP_UPDATE', eachLike(sfId(ACCOUNT)), []) },
            event: { replayId: integer(13) },
          })
          .withMetadata(CHANNEL),
      )
      .executeTest(async (message) => {
        const event = salesforceChangeEventSchema.parse(message.contents.content);
        expect(actionOf(event)).toEqual({ kind: 'fetch', entity: 'company', ids: ['42'] });
      });
  });

  it('receives a GAP_OVERFLOW event, which names no record', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a GAP_OVERFLOW event for Accounts', (b) =>
        b
          .withJSONContent({
            schema: like('kB3mJ7Vq1xq4Zb0kq6v1Aw'),
            payload: { ChangeEventHeader: header('GAP_OVERFLOW', [], []) },
            event: { replayId: integer(14) },
          })
          .withMetadata(CHANNEL),
      )
      .executeTest(async (message) => {
        const event = salesforceChangeEventSchema.parse(message.contents.content);
        expect(actionOf(event)).toEqual({ kind: 'reread', entity: 'company', since: 'commit' });
      });
  });
});
