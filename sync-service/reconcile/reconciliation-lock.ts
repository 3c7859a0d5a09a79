import type pg from 'pg';

// One key for the whole cluster: whichever instance holds it reconciles, the others skip the night.
const RECONCILIATION_LOCK_KEY = 5_163_003_001;
const TRY_LOCK = 'SELECT pg_try_advisory_lock($1::bigint) AS locked';
const UNLOCK = 'SELECT pg_advisory_unlock($1::bigint)';

/**
 * The reconciliation's distributed lock: a session-level advisory lock on the dedicated connection
 * the run uses. If the instance dies the connection closes and the lock goes with it, so a crashed
 * run never blocks the next night.
 */
export async function tryReconciliationLock(client: pg.ClientBase): Promise<boolean> {
  const result = await client.query<{ locked: boolean }>(TRY_LOCK, [RECONCILIATION_LOCK_KEY]);
  return result.rows[0]?.locked === true;
}

export async function releaseReconciliationLock(client: pg.ClientBase): Promise<void> {
  await client.query(UNLOCK, [RECONCILIATION_LOCK_KEY]);
}
