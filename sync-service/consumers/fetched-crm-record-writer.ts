import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import type { EntityWriter } from '../sequencer/entity-writer.ts';

// A fetched record carries no CRM version (unknown-crm-version.ts), so it is ordered by its source
// time: it replaces what is held unless that is newer. The highest version any versioned channel
// delivered is kept, so those channels still apply what comes after it. A delete is final.
const UPSERT_FETCHED_CRM_RECORDS = `
  INSERT INTO crm_records (entity, id, company_id, version, deleted, state, as_of)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::boolean[], $6::jsonb[], $7::timestamptz[])
  ON CONFLICT (entity, id) DO UPDATE SET
    company_id = CASE WHEN EXCLUDED.deleted THEN crm_records.company_id ELSE EXCLUDED.company_id END,
    version = GREATEST(crm_records.version, EXCLUDED.version),
    deleted = crm_records.deleted OR EXCLUDED.deleted,
    state = CASE WHEN EXCLUDED.deleted THEN crm_records.state ELSE EXCLUDED.state END,
    as_of = GREATEST(crm_records.as_of, EXCLUDED.as_of)
  WHERE EXCLUDED.deleted OR (NOT crm_records.deleted AND EXCLUDED.as_of >= crm_records.as_of)`;

/**
 * Writes CRM records read over the CRM's REST API (the answer to a change event) into
 * `crm_records`. The state is the CRM's truth at the time of the fetch; `at` must be the record's
 * own modification time.
 */
export const fetchedCrmRecordWriter: EntityWriter<CrmRecord> = {
  async write(client, changes) {
    // One row per record per statement: ON CONFLICT cannot touch a row twice. The last fetch wins.
    const rows = [...new Map(changes.map((change) => [`${change.entity}:${change.id}`, change])).values()];
    await client.query(UPSERT_FETCHED_CRM_RECORDS, [
      rows.map((c) => c.entity),
      rows.map((c) => c.id),
      rows.map((c) =>
        c.entity === 'company' || !c.state ? c.id : ((c.state as { companyId?: string }).companyId ?? c.id),
      ),
      rows.map((c) => c.state?.version ?? 0),
      rows.map((c) => c.state === null),
      rows.map((c) => (c.state ? JSON.stringify(c.state) : null)),
      rows.map((c) => c.at),
    ]);
  },
};
