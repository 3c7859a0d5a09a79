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
    count(*) FILTER (WHERE cache_sequence = last_sequence)::int AS balance_differs,
    count(*) FILTER (WHERE cache_sequence < last_sequence)::int AS sequence_behind,
    count(*) FILTER (WHERE missing)::int AS missing_in_cache,
    count(*) FILTER (WHERE cache_sequence > last_sequence)::int AS cache_ahead,
    (SELECT count(*) FROM accounts)::int AS cached
  FROM reconcile_diff`;

/**
 * Counts the differences by kind: the figures behind the drift-found metrics and the run's summary.
 * Everything staged that is not a difference is unchanged; every cached account the snapshot did
 * not match is not in it.
 */
export async function classifySnapshot(client: pg.ClientBase, stagedRows: number): Promise<SnapshotClasses> {
  const row = (await client.query(CLASSIFY)).rows[0] as Record<string, number>;
  const balanceDiffers = row.balance_differs ?? 0;
  const sequenceBehind = row.sequence_behind ?? 0;
  const missingInCache = row.missing_in_cache ?? 0;
  const cacheAhead = row.cache_ahead ?? 0;
  return {
    unchanged: stagedRows - balanceDiffers - sequenceBehind - missingInCache - cacheAhead,
    balanceDiffers,
    sequenceBehind,
    missingInCache,
    cacheAhead,
    notInSnapshot: (row.cached ?? 0) - (stagedRows - missingInCache),
  };
}
