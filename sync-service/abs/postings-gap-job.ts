import type pg from 'pg';
import type { PullJob } from '../limiter/pull-queue.ts';
import type { SyncMetrics } from '../metrics.ts';
import { applyPostings } from '../sequencer/apply-postings.ts';
import type { SyncStats } from '../sync-stats.ts';
import type { AbsClient } from './abs-client.ts';

export const POSTINGS_GAP_JOB = 'postings-after';

/**
 * Closes a gap in an account's postings: everything after the last applied sequence, fetched from
 * the ABS and applied through the sequencer (so postings that arrived meanwhile are duplicates).
 */
export async function runPostingsGapJob(
  job: PullJob,
  dependencies: { pool: pg.Pool; abs: AbsClient; stats: SyncStats; metrics: SyncMetrics },
): Promise<void> {
  const { pool, abs, stats, metrics } = dependencies;
  const held = await pool.query<{ last_sequence: string }>(
    'SELECT last_sequence FROM accounts WHERE id = $1',
    [job.subject],
  );
  const fetched = await abs.postingsAfter(job.subject, Number(held.rows[0]?.last_sequence ?? 0));
  const plan = await applyPostings(pool, fetched);
  stats.applied += plan.apply.length;
  metrics.applied.inc({ channel: 'abs.rest' }, plan.apply.length);
}
