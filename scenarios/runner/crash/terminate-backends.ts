import pg from 'pg';

// pg_terminate_backend with a timeout waits until the backend is gone (PostgreSQL 14+), so its
// transaction has rolled back and its locks are free when this returns.
const TERMINATE = `
  SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, $2))::int AS terminated
  FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`;

/**
 * Ends every server backend of connections tagged `applicationName`, from a connection of its own.
 * A backend busy with a statement (waiting on a lock, say) would notice its client's socket is gone
 * only when it next writes to it; this ends it now, as the server does once it sees a dead peer.
 */
export async function terminateBackends(
  adminUrl: string,
  applicationName: string,
  timeoutMs = 5_000,
): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ terminated: number }>(TERMINATE, [applicationName, timeoutMs]);
    return rows[0]?.terminated ?? 0;
  } catch (error) {
    throw new Error(
      `Failed to terminate the backends of ${applicationName}: ${(error as Error).message}. The crash emulation needs a role that may signal other backends (a superuser or pg_signal_backend).`,
      { cause: error },
    );
  } finally {
    await admin.end();
  }
}
