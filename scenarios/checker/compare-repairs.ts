import type { AbsStore } from '../../simulator/abs/abs-store.ts';
import { withDatabase } from './with-database.ts';

export interface RepairComparison {
  /** Accounts the ABS grey-edited (a few may have been edited twice). */
  readonly greyEdited: number;
  /** Grey-edited accounts whose cache row the reconciliation wrote. */
  readonly repaired: number;
  /**
   * Grey-edited accounts it did not need to write: a posting booked after the edit carried the
   * edited balance to the cache through the event stream.
   */
  readonly healedByPostings: number;
  /** Grey-edited accounts neither repaired nor healed: drift the reconciliation missed. */
  readonly missed: number;
  /** Cache rows the reconciliation wrote that no grey edit explains: it touched what it should not. */
  readonly others: number;
  /** Pulls it queued for accounts behind the snapshot (postings in flight; not a write of the row). */
  readonly pullsQueued: number;
  readonly runs: number;
}

const REPAIRS = `
  SELECT DISTINCT account_id::text AS id, reason FROM reconciliation_repairs`;
const RUNS = `SELECT count(*)::int AS n FROM reconciliation_runs WHERE status = 'done'`;

/**
 * What the reconciliation wrote against what the ABS's grey edits changed: every grey edit repaired
 * (or made moot by a later posting) and no other cache row written — incident I3's "point updates,
 * not a cache wipe".
 */
export async function compareRepairs(store: AbsStore, databaseUrl: string): Promise<RepairComparison> {
  return withDatabase(databaseUrl, async (client) => {
    const rows = (await client.query<{ id: string; reason: string }>(REPAIRS)).rows;
    const runs = (await client.query<{ n: number }>(RUNS)).rows[0]?.n ?? 0;
    const written = new Set(rows.filter((r) => r.reason !== 'sequence-behind').map((r) => r.id));
    const lastEdit = new Map<string, string>();
    for (const drift of store.drift) lastEdit.set(drift.accountId, drift.at);
    let repaired = 0;
    let healedByPostings = 0;
    let missed = 0;
    for (const [id, at] of lastEdit) {
      if (written.has(id)) repaired += 1;
      else if (store.postingsAfter(id, 0, Number.MAX_SAFE_INTEGER).some((p) => p.bookedAt > at))
        healedByPostings += 1;
      else missed += 1;
    }
    return {
      greyEdited: lastEdit.size,
      repaired,
      healedByPostings,
      missed,
      others: [...written].filter((id) => !lastEdit.has(id)).length,
      pullsQueued: rows.filter((r) => r.reason === 'sequence-behind').length,
      runs,
    };
  });
}
