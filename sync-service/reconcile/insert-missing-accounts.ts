import type pg from 'pg';

// At sequence 0 with the snapshot's balance: the DBO sees the newest known balance at once, and the
// pull queued for the account's postings (queue-behind-accounts) brings history and position.
const INSERT_MISSING = `
  WITH inserted AS (
    INSERT INTO accounts (id, organisation_id, number, currency, balance_minor, last_sequence, as_of)
    SELECT s.id, s.organisation_id, s.number, s.currency, s.balance_minor, 0, $2::timestamptz
    FROM reconcile_diff s
    WHERE s.missing AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.id)
    ON CONFLICT (id) DO NOTHING
    RETURNING id, balance_minor)
  INSERT INTO reconciliation_repairs (run_id, account_id, field, cache_value, snapshot_value, reason)
  SELECT $1, id, 'account', NULL, balance_minor::text, 'missing-in-cache' FROM inserted`;

/** Accounts the snapshot lists and the cache lacks, inserted and recorded in the run's report. */
export async function insertMissingAccounts(
  client: pg.ClientBase,
  runId: string,
  snapshotAt: string,
): Promise<number> {
  return (await client.query(INSERT_MISSING, [runId, snapshotAt])).rowCount ?? 0;
}
