import type pg from 'pg';

/** How the staged snapshot compares with the cache, account by account, before anything is repaired. */
export interface SnapshotClasses {
  /** Same sequence, same balance: left alone. */
  readonly unchanged: number;
  /** Same sequence, other balance: a grey edit in the ABS. */
  readonly balanceDiffers: number;
  /** The snapshot has postings the cache has not applied yet (or lost). */
  readonly sequenceBehind: number;
  readonly missingInCache: number;
  /** The cache applied postings booked after the snapshot was taken: left alone, never rolled back. */
  readonly cacheAhead: number;
  /** Cached accounts the export does not list: left alone (the ABS never deletes accounts). */
  readonly notInSnapshot: number;
}

const CLASSIFY = `
  SELECT
    count(*) FILTER (WHERE a.last_sequence = s.last_sequence AND a.balance_minor = s.balance_minor)::int AS unchanged,
    count(*) FILTER (WHERE a.last_sequence = s.last_sequence AND a.balance_minor <> s.balance_minor)::int AS balance_differs,
    count(*) FILTER (WHERE a.last_sequence < s.last_sequence)::int AS sequence_behind,
    count(*) FILTER (WHERE a.id IS NULL)::int AS missing_in_cache,
    count(*) FILTER (WHERE a.last_sequence > s.last_sequence)::int AS cache_ahead,
    (SELECT count(*) FROM accounts c WHERE NOT EXISTS (SELECT 1 FROM reconcile_snapshot t WHERE t.id = c.id))::int
      AS not_in_snapshot
  FROM reconcile_snapshot s LEFT JOIN accounts a ON a.id = s.id`;

/** One pass over staging and cache: the counts behind the drift-found metrics and the run's summary. */
export async function classifySnapshot(client: pg.ClientBase): Promise<SnapshotClasses> {
  const row = (await client.query(CLASSIFY)).rows[0] as Record<string, number>;
  return {
    unchanged: row.unchanged ?? 0,
    balanceDiffers: row.balance_differs ?? 0,
    sequenceBehind: row.sequence_behind ?? 0,
    missingInCache: row.missing_in_cache ?? 0,
    cacheAhead: row.cache_ahead ?? 0,
    notInSnapshot: row.not_in_snapshot ?? 0,
  };
}
