import pg from 'pg';

/** Runs `read` on a connection of its own to the run's database, closed whatever happens. */
export async function withDatabase<T>(
  databaseUrl: string,
  read: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await read(client);
  } finally {
    await client.end();
  }
}
