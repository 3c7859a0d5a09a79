import { withDatabase } from './with-database.ts';

/** The business horizon the scenarios assume: the sync service's default (incident I4). */
export const HORIZON_MONTHS = 6;

/**
 * Closing postings the cache holds that are older than the business horizon at `now` (scenario
 * time): the avalanche's 10-year-old turnovers that the filter should have dropped.
 */
export function countPastHorizon(databaseUrl: string, now: number): Promise<number> {
  return withDatabase(databaseUrl, async (client) => {
    const result = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM closing_postings WHERE booked_at < $1::timestamptz - make_interval(months => $2)`,
      [new Date(now).toISOString(), HORIZON_MONTHS],
    );
    return result.rows[0]?.n ?? 0;
  });
}
