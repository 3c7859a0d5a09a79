import type pg from 'pg';

const START_RUN = `
  INSERT INTO reconciliation_runs (holder, started_at) VALUES ($1, $2) RETURNING id::text`;

/** Records that `holder` began a run at `startedAt` (source clock); returns the run's id. */
export async function startReconciliationRun(
  client: pg.ClientBase,
  holder: string,
  startedAt: string,
): Promise<string> {
  const result = await client.query<{ id: string }>(START_RUN, [holder, startedAt]);
  return result.rows[0]?.id as string;
}
