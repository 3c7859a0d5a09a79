import { Writable } from 'node:stream';
import pgModule, { type Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CRM_MQ_TOPIC } from '../../contracts/crm/crm-card-message.ts';
import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import { systemClock } from '../../infra/clock.ts';
import type { EventBus, Subscription } from '../../infra/event-bus.ts';
import { createLogger } from '../../infra/logger.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { newCompanyFields } from '../../test/fixtures/new-client-webhook.ts';
import { testDatabase } from '../../test/test-database.ts';
import type { SalesforceClient, SalesforceRow } from '../crm/salesforce-client.ts';
import { createSalesforceCrmFetcher } from '../crm/salesforce-crm-fetcher.ts';
import { migrate } from '../db/migrate.ts';
import { SourceUnavailableError } from '../http/get-json.ts';
import { createSyncMetrics } from '../metrics.ts';
import { createSourcePolicy } from '../resilience/source-policy.ts';
import { consumeCrmCards } from './crm-cards-consumer.ts';

const WAIT = { timeout: 15_000, interval: 50 };
// An id as a real org issues it, not one of the simulated org's numbered ids.
const REAL_ACCOUNT = '001A0000006Vm9rIAC';

const company = (id: string, version: number): CrmRecord => ({
  id,
  externalId: null,
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: `2026-11-21T10:00:0${version}.000Z`,
  version,
  ...newCompanyFields(`Client ${id}`),
});

const accountRow = (id: string): SalesforceRow => ({
  attributes: { type: 'Account' },
  Id: id,
  Name: `Client ${id}`,
  INN__c: '7707083893',
  KPP__c: '773601001',
  OGRN__c: '1027700132195',
  Segment__c: 'Small',
  Phone: null,
  Email__c: null,
  Legal_Address__c: null,
  Credit_Limit__c: null,
  Bank_Client_Id__c: null,
  CreatedDate: '2026-11-21T09:00:00.000+0000',
  LastModifiedDate: '2026-11-21T10:00:00.000+0000',
});

/** The bank's org behind the REST API: answers the rows it has, or fails while `down`. */
const org = { down: false, asked: [] as string[], rows: new Map<string, SalesforceRow>() };
const client: SalesforceClient = {
  login: async () => ({ accessToken: 't', instanceUrl: 'http://unused' }),
  async sobject(_object, id) {
    org.asked.push(id);
    if (org.down) throw new SourceUnavailableError('Failed to call Salesforce: HTTP 503. Retry later.');
    return org.rows.get(id) ?? null;
  },
  query: async () => ({ totalSize: 0, done: true, records: [] }),
  queryMore: async () => ({ totalSize: 0, done: true, records: [] }),
};

/** A sequence gap in `crm.cards` is closed by a fetch from the CRM: a delete only on the CRM's word. */
describe('closing a crm.cards sequence gap against a real Salesforce org', () => {
  let pool: Pool;
  let mq: EventBus;
  let subscription: Subscription;
  const logs: string[] = [];

  beforeAll(async () => {
    const url = await testDatabase('cards_gap');
    await migrate(url);
    pool = new pgModule.Pool({ connectionString: url, max: 4 });
    mq = createMemoryBus();
    const log = createLogger(
      'test',
      'warn',
      new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      }),
    );
    subscription = await consumeCrmCards({
      mq,
      pool,
      crm: createSalesforceCrmFetcher(client),
      policy: createSourcePolicy({ source: 'crm', attempts: 1 }),
      metrics: createSyncMetrics(),
      log,
      clock: systemClock,
      groupId: 'sync',
    });
  });
  afterAll(async () => {
    await subscription?.stop();
    await mq?.stop();
    await pool?.end();
  });

  const publish = (record: CrmRecord, sequence: number) =>
    mq.publish(CRM_MQ_TOPIC, [
      {
        key: `company:${record.id}`,
        value: Buffer.from(
          JSON.stringify({
            source: 'crm',
            entity: 'company',
            id: record.id,
            sequence,
            operation: 'update',
            state: record,
            emittedAt: record.updatedAt,
          }),
        ),
      },
    ]);
  const cached = async (id: string) =>
    (
      await pool.query('SELECT deleted, version FROM crm_records WHERE entity = $1 AND id = $2', [
        'company',
        id,
      ])
    ).rows[0];
  const position = async (id: string) =>
    (
      await pool.query('SELECT last_sequence FROM entity_sequences WHERE entity = $1 AND entity_id = $2', [
        'company',
        id,
      ])
    ).rows[0]?.last_sequence;

  it('fetches a record with a real org’s id and keeps it, where it used to write a delete', async () => {
    org.rows.set(REAL_ACCOUNT, accountRow(REAL_ACCOUNT));
    await publish(company(REAL_ACCOUNT, 3), 3);
    await vi.waitFor(
      async () => expect(await cached(REAL_ACCOUNT)).toEqual({ deleted: false, version: 3 }),
      WAIT,
    );
    expect(org.asked).toContain(REAL_ACCOUNT);
  });

  it('parks the messages of an id the CRM cannot be asked about, leaving the gap open, and flows on', async () => {
    await publish(company('not-a-crm-id', 2), 2);
    await publish(company('7', 1), 1);
    await vi.waitFor(async () => expect(await cached('7')).toEqual({ deleted: false, version: 1 }), WAIT);
    await vi.waitFor(async () => {
      const parked = await pool.query('SELECT error FROM dead_letters WHERE topic = $1', [CRM_MQ_TOPIC]);
      expect(parked.rows).toHaveLength(1);
      expect(parked.rows[0].error).toMatch(
        /not-a-crm-id: it is neither a Salesforce id nor a CRM record number/,
      );
    }, WAIT);
    expect(await cached('not-a-crm-id')).toBeUndefined();
    expect(Number(await position('not-a-crm-id'))).toBe(0);
  });

  it('retries while the org cannot answer, writing nothing meanwhile, then closes the gap', async () => {
    const id = '0015g0000000008';
    org.down = true;
    await publish(company('8', 2), 2);
    await vi.waitFor(() => expect(logs.join('')).toMatch(/feed batch failed; redelivering/), WAIT);
    expect(await cached('8')).toBeUndefined();
    org.rows.set(`${id}AAA`, accountRow(`${id}AAA`));
    org.down = false;
    await vi.waitFor(async () => expect(await cached('8')).toEqual({ deleted: false, version: 2 }), WAIT);
  });
});
