import type pg from 'pg';

/** Events written but not yet published (published rows are deleted), for `/metrics`. */
export async function outboxBacklog(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ pending: number }>('SELECT count(*)::int AS pending FROM outbox');
  return result.rows[0]?.pending ?? 0;
}
