import type pg from 'pg';
import { POSTINGS_GAP_JOB } from '../abs/postings-gap-job.ts';

// The account row is not written: a pull of the missing postings goes through the sequencer like
// any gap, so postings and balance stay consistent, and if the live consumer caught up meanwhile
// the pulled postings are dropped as duplicates. An account already waiting for a pull keeps its one.
const QUEUE_BEHIND = `
  WITH behind AS (
    SELECT a.id, a.last_sequence AS cache_value, s.last_sequence AS snapshot_value
    FROM reconcile_diff s JOIN accounts a ON a.id = s.id
    WHERE a.last_sequence < s.last_sequence),
  queued AS (
    INSERT INTO abs_pull_jobs (kind, subject) SELECT $2, id::text FROM behind
    ON CONFLICT (kind, subject) WHERE status = 'WAITING' DO NOTHING)
  INSERT INTO reconciliation_repairs (run_id, account_id, field, cache_value, snapshot_value, reason)
  SELECT $1, id, 'last_sequence', cache_value::text, snapshot_value::text, 'sequence-behind' FROM behind`;

/** Accounts behind the snapshot get a pull of their missing postings; each is recorded in the report. */
export async function queueBehindAccounts(client: pg.ClientBase, runId: string): Promise<number> {
  return (await client.query(QUEUE_BEHIND, [runId, POSTINGS_GAP_JOB])).rowCount ?? 0;
}
