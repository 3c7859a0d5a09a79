import type pg from 'pg';

/** Events written but not yet published, and the age of the oldest, for `/metrics`. */
export async function outboxBacklog(pool: pg.Pool): Promise<{ pending: number; oldestSeconds: number }> {
  const result = await pool.query<{ pending: number; oldest: number | null }>(
    `SELECT count(*)::int AS pending, extract(epoch FROM clock_timestamp() - min(created_at))::float8 AS oldest
     FROM outbox`,
  );
  const row = result.rows[0];
  return { pending: row?.pending ?? 0, oldestSeconds: row?.oldest ?? 0 };
}
