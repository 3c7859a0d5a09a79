import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate } from '../sync-service/db/migrate.ts';
import { testDatabase } from './test-database.ts';

describe('migrations', () => {
  it('bring one database up from several instances starting at once', async () => {
    const url = await testDatabase('migrate');
    await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const applied = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pgmigrations');
    await client.end();
    expect(applied.rows[0]?.n).toBeGreaterThanOrEqual(5);
  });
});
