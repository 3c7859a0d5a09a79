import type pg from 'pg';
import pgModule from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import { testDatabase } from '../../test/test-database.ts';
import { crmRecordWriter } from '../cache/crm-record-writer.ts';
import { migrate } from '../db/migrate.ts';
import { withTransaction } from '../db/with-transaction.ts';
import type { EntityChange, EntityWriter } from '../sequencer/entity-writer.ts';
import { fetchedCrmRecordWriter } from './fetched-crm-record-writer.ts';

const contact = (id: string, version: number, updatedAt: string, position: string): CrmRecord =>
  ({
    id,
    externalId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt,
    version,
    companyId: '7',
    firstName: 'Anna',
    lastName: 'Petrova',
    middleName: null,
    phone: null,
    email: null,
    position,
  }) as CrmRecord;

const change = (record: CrmRecord | null, id: string, at: string): EntityChange<CrmRecord> => ({
  entity: 'contact',
  id,
  sequence: record?.version ?? 0,
  operation: record ? 'update' : 'delete',
  state: record,
  at,
});

describe('writing CRM records fetched over REST (no CRM version on the wire)', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    const url = await testDatabase('fetched_crm');
    await migrate(url);
    pool = new pgModule.Pool({ connectionString: url, max: 5 });
  });
  afterAll(() => pool?.end());

  const write = (writer: EntityWriter<CrmRecord>, changes: EntityChange<CrmRecord>[]) =>
    withTransaction(pool, (client) => writer.write(client, changes));
  const held = async (id: string) =>
    (await pool.query('SELECT version, deleted, state, company_id FROM crm_records WHERE id = $1', [id]))
      .rows[0];

  it('replaces a state from an older source time, keeps the versioned channels’ version, and yields to newer ones', async () => {
    await write(crmRecordWriter, [
      change(contact('1', 3, '2026-05-01T10:00:00.000Z', 'v3'), '1', '2026-05-01T10:00:00.000Z'),
    ]);
    await write(fetchedCrmRecordWriter, [
      change(contact('1', 0, '2026-05-01T11:00:00.000Z', 'fetched'), '1', '2026-05-01T11:00:00.000Z'),
    ]);
    expect(await held('1')).toMatchObject({ version: 3, state: { position: 'fetched' } });

    // A fetch that started before a newer change reached the cache must not undo it.
    await write(crmRecordWriter, [
      change(contact('1', 4, '2026-05-01T12:00:00.000Z', 'v4'), '1', '2026-05-01T12:00:00.000Z'),
    ]);
    await write(fetchedCrmRecordWriter, [
      change(contact('1', 0, '2026-05-01T11:30:00.000Z', 'stale'), '1', '2026-05-01T11:30:00.000Z'),
    ]);
    expect(await held('1')).toMatchObject({ version: 4, state: { position: 'v4' } });
  });

  it('takes a record the CRM no longer has as deleted for good, keeping its company', async () => {
    await write(fetchedCrmRecordWriter, [
      change(contact('2', 0, '2026-05-01T10:00:00.000Z', 'x'), '2', '2026-05-01T10:00:00.000Z'),
    ]);
    await write(fetchedCrmRecordWriter, [change(null, '2', '2026-05-01T10:05:00.000Z')]);
    await write(fetchedCrmRecordWriter, [
      change(contact('2', 0, '2026-05-01T10:10:00.000Z', 'y'), '2', '2026-05-01T10:10:00.000Z'),
    ]);
    expect(await held('2')).toMatchObject({ deleted: true, company_id: '7', state: { position: 'x' } });
  });
});
