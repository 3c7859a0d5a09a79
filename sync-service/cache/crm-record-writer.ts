import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import { mergeWithBankWrites } from '../conflicts/merge-with-bank-writes.ts';
import { isOurOrigin } from '../conflicts/our-origin.ts';
import type { EntityWriter } from '../sequencer/entity-writer.ts';

// A delete is final whatever version it carries (and keeps the record's company: a deleted
// contact still belongs to its client); otherwise the newer CRM version wins.
const UPSERT_CRM_RECORDS = `
  INSERT INTO crm_records (entity, id, company_id, version, deleted, state, as_of, crm_state)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::boolean[], $6::jsonb[], $7::timestamptz[], $8::jsonb[])
  ON CONFLICT (entity, id) DO UPDATE SET
    company_id = CASE WHEN EXCLUDED.deleted THEN crm_records.company_id ELSE EXCLUDED.company_id END, version = GREATEST(crm_records.version, EXCLUDED.version),
    deleted = crm_records.deleted OR EXCLUDED.deleted,
    state = CASE WHEN EXCLUDED.deleted THEN crm_records.state ELSE EXCLUDED.state END,
    crm_state = CASE WHEN EXCLUDED.deleted THEN crm_records.crm_state ELSE EXCLUDED.crm_state END,
    as_of = EXCLUDED.as_of
  WHERE EXCLUDED.deleted OR (NOT crm_records.deleted AND EXCLUDED.version > crm_records.version)`;

/** Writes CRM records (cards, contacts, tasks, authorities) into `crm_records`, newest version wins. */
export const crmRecordWriter: EntityWriter<CrmRecord> = {
  async write(client, changes) {
    // One row per record per statement: ON CONFLICT cannot touch a row twice.
    const rows = new Map<string, (typeof changes)[number]>();
    for (const change of changes) {
      const key = `${change.entity}:${change.id}`;
      const held = rows.get(key);
      if (!held || change.operation === 'delete' || (change.state?.version ?? 0) > (held.state?.version ?? 0))
        rows.set(key, change);
    }
    const list = [...rows.values()];
    // What the DBO sees is the CRM's state with the bank's unconfirmed writes on top (incident
    // I8); every version in the batch is merged, not only the newest kept for the upsert.
    const merged = await mergeWithBankWrites(
      client,
      changes.flatMap((c) =>
        c.state && c.operation !== 'delete'
          ? [
              {
                entity: c.entity,
                id: c.id,
                state: c.state as unknown as Record<string, unknown>,
                at: c.at,
                ours: isOurOrigin(c.origin),
              },
            ]
          : [],
      ),
    );
    await client.query(UPSERT_CRM_RECORDS, [
      list.map((c) => c.entity),
      list.map((c) => c.id),
      list.map((c) => companyIdOf(c.entity, c.id, c.state)),
      list.map((c) => c.state?.version ?? c.sequence),
      list.map((c) => c.operation === 'delete' || c.state === null),
      list.map((c) => {
        const state = merged.get(`${c.entity}:${c.id}`) ?? c.state;
        return state ? JSON.stringify(state) : null;
      }),
      list.map((c) => c.at),
      list.map((c) => (c.state ? JSON.stringify(c.state) : null)),
    ]);
  },
};

function companyIdOf(entity: string, id: string, state: CrmRecord | null): string {
  if (entity === 'company' || !state) return id;
  return (state as { companyId?: string }).companyId ?? id;
}
