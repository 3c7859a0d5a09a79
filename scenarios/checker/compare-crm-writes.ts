import type { CrmEntity } from '../../contracts/crm/crm-records.ts';
import type { CrmStore } from '../../simulator/crm/crm-store.ts';
import type { InjectedConflict } from '../runner/conflicting-edits.ts';
import { withDatabase } from './with-database.ts';

export interface CrmWritesComparison {
  /** Bank writes neither confirmed by the CRM nor superseded by a newer CRM-side edit. */
  readonly unconfirmed: number;
  /** Outbox events not yet published. */
  readonly outboxBacklog: number;
  /** CRM records beyond the first sharing one bank id (a create that happened twice). */
  readonly duplicatedInCrm: number;
  readonly bankWrites: number;
  readonly conflicts: number;
  readonly operatorTasks: number;
  /** Injected conflicting edits the service recorded as conflicts. */
  readonly injectedRecorded: number;
  /** Dead letters of the CRM writer. */
  readonly deadLetters: number;
}

const COUNTS = `
  SELECT
    (SELECT count(*)::int FROM bank_writes WHERE status IN ('pending', 'delivered')) AS unconfirmed,
    (SELECT count(*)::int FROM bank_writes) AS bank_writes,
    (SELECT count(*)::int FROM outbox) AS outbox_backlog,
    (SELECT count(*)::int FROM conflicts) AS conflicts,
    (SELECT count(*)::int FROM operator_tasks WHERE kind = 'conflict') AS operator_tasks,
    (SELECT count(*)::int FROM dead_letters WHERE topic = 'sync.processed') AS dead_letters`;
const RECORDED = `
  SELECT count(DISTINCT (c.record_id, c.field))::int AS n FROM conflicts c
  JOIN unnest($1::text[], $2::text[]) AS i(record_id, field) USING (record_id, field)
  WHERE c.entity = 'company'`;

/** How the bank's writes ended up in the CRM, read from the sync service's tables and the CRM's truth. */
export async function compareCrmWrites(
  store: CrmStore,
  databaseUrl: string,
  injected: readonly InjectedConflict[],
): Promise<CrmWritesComparison> {
  return withDatabase(databaseUrl, async (client) => {
    const counts = (await client.query(COUNTS)).rows[0];
    const recorded = await client.query<{ n: number }>(RECORDED, [
      injected.map((i) => i.cardId),
      injected.map((i) => i.field),
    ]);
    let duplicatedInCrm = 0;
    for (const entity of ['contact', 'task'] as CrmEntity[]) {
      const seen = new Set<string>();
      for (const record of store.all(entity)) {
        if (record.externalId === null) continue;
        if (seen.has(record.externalId)) duplicatedInCrm += 1;
        seen.add(record.externalId);
      }
    }
    return {
      unconfirmed: counts.unconfirmed,
      outboxBacklog: counts.outbox_backlog,
      duplicatedInCrm,
      bankWrites: counts.bank_writes,
      conflicts: counts.conflicts,
      operatorTasks: counts.operator_tasks,
      injectedRecorded: recorded.rows[0]?.n ?? 0,
      deadLetters: counts.dead_letters,
    };
  });
}
