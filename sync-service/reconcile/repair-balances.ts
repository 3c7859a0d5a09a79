import type pg from 'pg';

// Only rows at the snapshot's very sequence are repaired. Under READ COMMITTED the WHERE is checked
// again on the newest row version once the row is locked, so a posting the live consumer applies
// in the meantime moves the sequence on and the stale snapshot value is not written over it.
// `before` is the cache's value as this statement found it, for the report.
const REPAIR_BALANCES = `
  WITH repaired AS (
    UPDATE accounts a SET balance_minor = s.balance_minor, as_of = greatest(a.as_of, $2::timestamptz)
    FROM reconcile_diff s JOIN accounts before ON before.id = s.id
    WHERE a.id = s.id AND a.last_sequence = s.last_sequence AND a.balance_minor <> s.balance_minor
    RETURNING a.id, before.balance_minor AS cache_value, s.balance_minor AS snapshot_value)
  INSERT INTO reconciliation_repairs (run_id, account_id, field, cache_value, snapshot_value, reason)
  SELECT $1, id, 'balance_minor', cache_value::text, snapshot_value::text, 'balance-differs' FROM repaired`;

/** Point updates of the balances a grey edit changed (incident I3), each recorded in the run's report. */
export async function repairBalances(
  client: pg.ClientBase,
  runId: string,
  snapshotAt: string,
): Promise<number> {
  return (await client.query(REPAIR_BALANCES, [runId, snapshotAt])).rowCount ?? 0;
}
