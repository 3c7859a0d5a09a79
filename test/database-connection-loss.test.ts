import { Writable } from 'node:stream';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../infra/logger.ts';
import { createPool } from '../sync-service/db/create-pool.ts';
import { testDatabase } from './test-database.ts';

/** A logger whose lines the test can read. */
function capturedLog() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('test', 'warn', destination), lines };
}

describe('the sync service pool when PostgreSQL drops a connection in use', () => {
  it('fails the transaction on it, logs the loss and keeps the process and the pool alive', async () => {
    const databaseUrl = await testDatabase('connection_loss');
    const { log, lines } = capturedLog();
    const pool = createPool({ databaseUrl, log });
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await pool.query('CREATE TABLE facts (id int PRIMARY KEY)');
      const client = await pool.connect();
      await client.query('BEGIN');
      await client.query('INSERT INTO facts VALUES (1)');
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;

      // The server ends the backend while the client is checked out and idle in its transaction
      // (a restart, a failover): node-postgres emits `error` on the client with no query to fail.
      await admin.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
      await expect.poll(() => lines.some((l) => l.includes('database connection lost'))).toBe(true);
      await expect(client.query('COMMIT')).rejects.toThrow();
      client.release(new Error('connection lost'));

      expect((await pool.query('SELECT count(*)::int AS n FROM facts')).rows[0]).toEqual({ n: 0 });
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
