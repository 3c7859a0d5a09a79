import type pg from 'pg';

// One pass over staging and cache (a hash join): every account whose snapshot row differs from the
// cache in sequence or balance, or that the cache lacks, with the cache's values beside it. The
// repairs then work from this small table by primary key, never scanning the million rows again.
// Autovacuum never analyzes temporary tables, hence the ANALYZE; the key refuses a snapshot that
// lists a differing account twice, which would make its repair ambiguous.
const FIND_DIFFERENCES = `
  DROP TABLE IF EXISTS reconcile_diff;
  CREATE TEMPORARY TABLE reconcile_diff AS
    SELECT s.*, a.balance_minor AS cache_balance, a.last_sequence AS cache_sequence, a.id IS NULL AS missing
    FROM reconcile_snapshot s LEFT JOIN accounts a ON a.id = s.id
    WHERE a.id IS NULL OR a.last_sequence <> s.last_sequence OR a.balance_minor <> s.balance_minor;
  ALTER TABLE reconcile_diff ADD PRIMARY KEY (id);
  ANALYZE reconcile_diff`;

/** Builds `reconcile_diff` from the staged snapshot, on the connection that staged it. */
export async function findDifferences(client: pg.ClientBase): Promise<void> {
  try {
    await client.query(FIND_DIFFERENCES);
  } catch (error) {
    throw new Error(
      `Failed to compare the ABS snapshot with the cache: ${(error as Error).message}. If it names a duplicate key, the export lists an account twice; check the replica export.`,
    );
  }
}
