import type pg from 'pg';
import type { FieldConflict } from './merge-crm-state.ts';

const INSERT = `
  WITH recorded AS (
    INSERT INTO conflicts (entity, record_id, field, bank_value, crm_value, bank_changed_at, crm_changed_at, decision, kept)
    SELECT $1, $2, f, bv, cv, bt, $3, d, k
    FROM unnest($4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz[], $8::text[], $9::text[]) AS t(f, bv, cv, bt, d, k)
    RETURNING id, field, kept)
  INSERT INTO operator_tasks (kind, conflict_id, title)
  SELECT 'conflict', id, format('Check %s %s.%s: the CRM and the bank edited it at once; kept the %s value', $1::text, $2::text, field, kept)
  FROM recorded`;

/** Records conflicts of one record with both values and the decision, and opens an operator task for each. */
export async function recordConflicts(
  client: pg.ClientBase,
  record: { readonly entity: string; readonly recordId: string; readonly crmChangedAt: string },
  conflicts: readonly FieldConflict[],
): Promise<void> {
  await client.query(INSERT, [
    record.entity,
    record.recordId,
    record.crmChangedAt,
    conflicts.map((c) => c.field),
    conflicts.map((c) => JSON.stringify(c.bankValue ?? null)),
    conflicts.map((c) => JSON.stringify(c.crmValue ?? null)),
    conflicts.map((c) => c.bankChangedAt),
    conflicts.map((c) => c.decision),
    conflicts.map((c) => c.kept),
  ]);
}
