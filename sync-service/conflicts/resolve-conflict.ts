import type pg from 'pg';
import type { CrmWritableEntity } from '../../contracts/sync/crm-write-event.ts';
import { recordBankWrite } from '../bank-writes/record-bank-write.ts';
import { withTransaction } from '../db/with-transaction.ts';

const LOCK = `
  SELECT c.entity, c.record_id, c.field, c.bank_value, c.crm_value, c.kept, c.resolved_at,
    r.company_id, r.state
  FROM conflicts c LEFT JOIN crm_records r ON r.entity = c.entity AND r.id = c.record_id
  WHERE c.id = $1 FOR UPDATE OF c`;
const RESOLVE = 'UPDATE conflicts SET resolved_at = now(), resolution = $2 WHERE id = $1';
const CLOSE_TASKS =
  "UPDATE operator_tasks SET status = 'done', closed_at = now() WHERE conflict_id = $1 AND status = 'open'";
const OVERLAY =
  'UPDATE crm_records SET state = jsonb_set(state, ARRAY[$3::text], $4::jsonb) WHERE entity = $1 AND id = $2';

/**
 * An operator's decision on a conflict: keeping what the service kept just closes it; choosing
 * the other side's value makes it the bank's write (cache and CRM both get it, through the outbox),
 * all in one transaction with the conflict's resolution and its task.
 */
export async function resolveConflict(
  pool: pg.Pool,
  id: string,
  keep: 'bank' | 'crm',
  note: string,
): Promise<'not-found' | 'already-resolved' | { rewritten: boolean }> {
  return withTransaction(pool, async (client) => {
    const row = (await client.query(LOCK, [id])).rows[0];
    if (!row) return 'not-found';
    if (row.resolved_at) return 'already-resolved';
    const rewritten = keep !== row.kept && row.state !== null;
    if (rewritten) {
      const value = keep === 'bank' ? row.bank_value : row.crm_value;
      await client.query(OVERLAY, [row.entity, row.record_id, row.field, JSON.stringify(value)]);
      await recordBankWrite(client, {
        entity: row.entity as CrmWritableEntity,
        clientId: row.company_id,
        crmId: row.record_id,
        externalId: typeof row.state.externalId === 'string' ? row.state.externalId : null,
        fields: { [row.field]: value },
        changedAt: new Date().toISOString(),
      });
    }
    await client.query(RESOLVE, [id, `kept ${keep}${note ? `: ${note}` : ''}`]);
    await client.query(CLOSE_TASKS, [id]);
    return { rewritten };
  });
}
