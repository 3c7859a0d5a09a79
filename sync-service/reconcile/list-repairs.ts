import type pg from 'pg';

export interface Repair {
  readonly accountId: string;
  readonly field: string;
  readonly cacheValue: string | null;
  readonly snapshotValue: string;
  readonly reason: string;
}

const LIST_REPAIRS = `
  SELECT account_id AS "accountId", field, cache_value AS "cacheValue", snapshot_value AS "snapshotValue", reason
  FROM reconciliation_repairs WHERE run_id = $1 ORDER BY reason, account_id LIMIT $2`;

/** A run's repaired rows, by reason, at most `limit` of them. */
export async function listRepairs(
  client: pg.ClientBase | pg.Pool,
  runId: string,
  limit: number,
): Promise<Repair[]> {
  return (await client.query<Repair>(LIST_REPAIRS, [runId, limit])).rows;
}
