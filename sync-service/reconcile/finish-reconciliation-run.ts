import type pg from 'pg';

const FINISH_RUN = `
  UPDATE reconciliation_runs
  SET status = $2, finished_at = $3, snapshot_at = $4, snapshot_rows = $5, summary = $6, error = $7
  WHERE id = $1`;

export interface RunOutcome {
  readonly status: 'done' | 'failed';
  readonly finishedAt: string;
  readonly snapshotAt?: string;
  readonly snapshotRows?: number;
  readonly summary?: object;
  readonly error?: string;
}

/** Closes a run's row: its counts when it finished, or why it failed. */
export async function finishReconciliationRun(
  client: pg.ClientBase,
  runId: string,
  outcome: RunOutcome,
): Promise<void> {
  await client.query(FINISH_RUN, [
    runId,
    outcome.status,
    outcome.finishedAt,
    outcome.snapshotAt ?? null,
    outcome.snapshotRows ?? null,
    outcome.summary ? JSON.stringify(outcome.summary) : null,
    outcome.error ?? null,
  ]);
}
