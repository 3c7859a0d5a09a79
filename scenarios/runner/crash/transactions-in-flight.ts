import pg from 'pg';

const IN_FLIGHT = `
  SELECT count(*)::int AS n FROM pg_stat_activity
  WHERE application_name = $1 AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`;

/**
 * Transactions (explicit, or a single statement's) the connections tagged `applicationName` have
 * open on the server: read at a kill, it says whether the kill caught the instance mid-write.
 */
export async function transactionsInFlight(adminUrl: string, applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return (await admin.query<{ n: number }>(IN_FLIGHT, [applicationName])).rows[0]?.n ?? 0;
  } finally {
    await admin.end();
  }
}
