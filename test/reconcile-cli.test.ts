import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryJobLock } from '../sync-service/db/advisory-lock.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

describe('corebridge reconcile, against real PostgreSQL and the simulator', () => {
  let system: TestSystem;
  let pool: pg.Pool;
  const cached = async (id: string) =>
    (await pool.query<{ balance_minor: string }>('SELECT balance_minor FROM accounts WHERE id = $1', [id]))
      .rows[0];

  beforeAll(async () => {
    system = await startTestSystem({ name: 'reconcile_cli', seed: 6, organisations: 10 });
    await system.sync.stop();
    pool = new pg.Pool({ connectionString: system.databaseUrl });
  });
  afterAll(async () => {
    await pool.end();
    await system.stop();
  });

  const cli = (env: Record<string, string | undefined>, ...args: string[]) =>
    promisify(execFile)(process.execPath, ['cli/main.ts', 'reconcile', ...args], {
      env: { ...process.env, ...env },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('runs once, prints the summary and the repaired rows, exit 0', async () => {
    const store = system.sim.abs.store;
    const id = store.accountIds()[3] as string;
    const before = Number((await cached(id))?.balance_minor);
    store.greyEdit(id, before + 1, Date.now());
    const { code, stdout, stderr } = await cli(
      { DATABASE_URL: system.databaseUrl },
      '--abs-url',
      system.sim.url,
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/repairing: \d+ accounts/);
    expect(stdout).toMatch(/balance-differs {4}1 repaired in place \(1 found\)/);
    expect(stdout).toContain(`balance-differs   ${id} balance_minor: ${before} → ${before + 1}`);
  });

  it('exits 2 with the reason and the fix when the ABS cannot be reached', async () => {
    const { code, stderr } = await cli(
      { DATABASE_URL: system.databaseUrl },
      '--abs-url',
      'http://127.0.0.1:1',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^corebridge: Failed to open the ABS snapshot at http:\/\/127\.0\.0\.1:1\/abs\/replica\/v1\/snapshot: .*\. Check the ABS replica URL and that it is up\./,
    );
  });

  it('exits 2 and says what to export without DATABASE_URL', async () => {
    const { code, stderr } = await cli({ DATABASE_URL: '' }, '--abs-url', system.sim.url);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'corebridge: Failed to reconcile: DATABASE_URL is not set. Export the sync service’s DATABASE_URL.\n',
    );
  });

  it('exits 3 when another instance holds the lock', async () => {
    const holder = new pg.Client({ connectionString: system.databaseUrl });
    await holder.connect();
    try {
      expect(await tryJobLock(holder, 'reconciliation')).toBe(true);
      const { code, stderr } = await cli({ DATABASE_URL: system.databaseUrl }, '--abs-url', system.sim.url);
      expect(code).toBe(3);
      expect(stderr).toContain('Another instance holds the reconciliation lock');
    } finally {
      await holder.end();
    }
  });
});
