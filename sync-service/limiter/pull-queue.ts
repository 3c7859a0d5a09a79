import type pg from 'pg';

export interface PullJob {
  readonly id: string;
  readonly kind: string;
  readonly subject: string;
  readonly attempts: number;
}

const ENQUEUE = `
  INSERT INTO abs_pull_jobs (kind, subject) VALUES ($1, $2)
  ON CONFLICT (kind, subject) WHERE status = 'WAITING' DO NOTHING`;
// Waiting work whose time has come, or work whose holder stopped renewing its lease (it died).
const CLAIM = `
  UPDATE abs_pull_jobs SET status = 'PROCESSING', holder = $1, lease_until = now() + make_interval(secs => $2)
  WHERE id = (
    SELECT id FROM abs_pull_jobs
    WHERE (status = 'WAITING' AND not_before <= now()) OR (status = 'PROCESSING' AND lease_until < now())
    ORDER BY not_before LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING id::text, kind, subject, attempts`;
const RENEW = `UPDATE abs_pull_jobs SET lease_until = now() + make_interval(secs => $3) WHERE id = $1 AND holder = $2`;
const COMPLETE = `UPDATE abs_pull_jobs SET status = 'DONE', done_at = now(), holder = NULL WHERE id = $1 AND holder = $2`;
// Back to waiting with a later start; if another wait for the subject appeared meanwhile, that one stands.
const RETRY = `
  WITH merged AS (
    DELETE FROM abs_pull_jobs j WHERE j.id = $1 AND EXISTS (
      SELECT 1 FROM abs_pull_jobs w WHERE w.kind = j.kind AND w.subject = j.subject AND w.status = 'WAITING')
    RETURNING j.id)
  UPDATE abs_pull_jobs SET status = 'WAITING', holder = NULL, attempts = attempts + 1, last_error = $3,
    not_before = now() + make_interval(secs => $4)
  WHERE id = $1 AND holder = $2 AND NOT EXISTS (SELECT 1 FROM merged)`;
const OPEN = `SELECT count(*)::int AS n FROM abs_pull_jobs WHERE status <> 'DONE'`;

/** The work queue of ABS pulls in PostgreSQL, shared by every instance (one SQL statement per operation). */
export function createPullQueue(pool: pg.Pool, holder: string, leaseMs = 10_000) {
  const leaseSeconds = leaseMs / 1000;
  return {
    leaseMs,
    async enqueue(kind: string, subject: string): Promise<void> {
      await pool.query(ENQUEUE, [kind, subject]);
    },
    async claim(): Promise<PullJob | undefined> {
      return (await pool.query<PullJob>(CLAIM, [holder, leaseSeconds])).rows[0];
    },
    async renew(job: PullJob): Promise<void> {
      await pool.query(RENEW, [job.id, holder, leaseSeconds]);
    },
    async complete(job: PullJob): Promise<void> {
      await pool.query(COMPLETE, [job.id, holder]);
    },
    async retry(job: PullJob, error: string, delayMs: number): Promise<void> {
      await pool.query(RETRY, [job.id, holder, error.slice(0, 500), delayMs / 1000]);
    },
    async open(): Promise<number> {
      return (await pool.query<{ n: number }>(OPEN)).rows[0]?.n ?? 0;
    },
  };
}
export type PullQueue = ReturnType<typeof createPullQueue>;
