import type pg from 'pg';
import { ApiError } from '../../infra/http/api-error.ts';
import { SYNC_ERRORS } from '../http/sync-errors.ts';

// Two index look-ups rather than one OR, so each side uses its index.
const MATCHES = `
  SELECT id, true AS by_bank_id FROM crm_records
    WHERE entity = $1 AND state->>'externalId' = $2 AND NOT deleted
  UNION ALL
  SELECT id, false FROM crm_records WHERE entity = $1 AND id = $2 AND NOT deleted`;

/**
 * The CRM id of a cached record named by the bank's id (the record's `externalId`: a company's is
 * the client id the banner and the read API show) or by the CRM's own id. The bank's id is tried
 * first: the bank's callers know it, and a CRM id that happens to equal another record's bank id
 * is the rarer case. Several records with one bank id are a duplicate to merge, never one to pick.
 * Undefined when nothing matches.
 */
export async function resolveCrmId(
  db: pg.Pool | pg.ClientBase,
  entity: string,
  id: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string; by_bank_id: boolean }>(MATCHES, [entity, id]);
  const byBankId = rows.filter((row) => row.by_bank_id);
  if (byBankId.length > 1) {
    const ids = byBankId.map((row) => row.id).join(', ');
    throw new ApiError(
      entity === 'company' ? SYNC_ERRORS.DUPLICATE_CLIENT_CARDS : SYNC_ERRORS.DUPLICATE_RECORDS,
      `Failed to find ${entity} ${id}: the cache holds ${byBankId.length} CRM records with that bank id (${ids}). Merge the duplicates in the CRM, or name one by its CRM id.`,
    );
  }
  return (byBankId[0] ?? rows[0])?.id;
}
