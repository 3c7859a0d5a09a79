import type pg from 'pg';

/** The cluster-wide jobs that must not run twice at once, each with its own advisory lock key. */
export const JOB_LOCKS = {
  reconciliation: 5_163_003_001,
  sampledValidation: 5_163_003_002,
} as const;
export type JobLock = keyof typeof JOB_LOCKS;

const TRY_LOCK = 'SELECT pg_try_advisory_lock($1::bigint) AS locked';
const UNLOCK = 'SELECT pg_advisory_unlock($1::bigint)';

/**
 * Takes a job's session-level advisory lock on `client` without waiting: whichever instance gets
 * it runs the job, the others skip this turn. Held by the connection, so if the instance dies the
 * lock goes with it and a crashed run never blocks the next one.
 */
export async function tryJobLock(client: pg.ClientBase, job: JobLock): Promise<boolean> {
  const result = await client.query<{ locked: boolean }>(TRY_LOCK, [JOB_LOCKS[job]]);
  return result.rows[0]?.locked === true;
}

export async function releaseJobLock(client: pg.ClientBase, job: JobLock): Promise<void> {
  await client.query(UNLOCK, [JOB_LOCKS[job]]);
}
