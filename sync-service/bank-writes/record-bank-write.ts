import type pg from 'pg';
import { CRM_WRITE_EVENT, type CrmWritableEntity } from '../../contracts/sync/crm-write-event.ts';
import { enqueueOutbox } from '../outbox/enqueue-outbox.ts';

export interface BankWrite {
  readonly entity: CrmWritableEntity;
  /** The client (CRM company id) the record belongs to: a client's writes reach the CRM in order. */
  readonly clientId: string;
  readonly crmId: string | null;
  readonly externalId: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Bank-side source time of the change, ISO 8601. */
  readonly changedAt: string;
}

const INSERT_WRITES = `
  INSERT INTO bank_writes (entity, record_id, field, value, changed_at)
  SELECT $1, $2, f, v, $5 FROM unnest($3::text[], $4::jsonb[]) AS t(f, v)
  RETURNING id`;

/** `bank_writes.record_id`: the CRM id, or the bank's id until the CRM has echoed the record. */
export const recordIdOf = (write: Pick<BankWrite, 'crmId' | 'externalId'>): string =>
  write.crmId ?? `ext:${write.externalId}`;

/**
 * Records a bank-side write towards the CRM on the caller's transaction: one `bank_writes` row per
 * field (what conflict detection and echo recognition compare with) and the `crm.write` event in
 * the outbox — both commit with the business change or not at all (incident I9).
 */
export async function recordBankWrite(
  client: pg.ClientBase,
  write: BankWrite,
): Promise<{ eventId: string; writeIds: string[] }> {
  const fields = Object.entries(write.fields);
  const inserted = await client.query<{ id: string }>(INSERT_WRITES, [
    write.entity,
    recordIdOf(write),
    fields.map(([field]) => field),
    fields.map(([, value]) => JSON.stringify(value ?? null)),
    write.changedAt,
  ]);
  const [eventId] = await enqueueOutbox(client, [
    {
      aggregate: `client:${write.clientId}`,
      type: CRM_WRITE_EVENT,
      occurredAt: write.changedAt,
      data: {
        entity: write.entity,
        crmId: write.crmId,
        externalId: write.externalId,
        fields: write.fields,
        bankWriteIds: inserted.rows.map((row) => row.id),
      },
    },
  ]);
  return { eventId: eventId ?? '', writeIds: inserted.rows.map((row) => row.id) };
}
