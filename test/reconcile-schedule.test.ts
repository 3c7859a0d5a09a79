import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../infra/clock.ts';
import { createLogger } from '../infra/logger.ts';
import { type SyncService, startSyncService } from '../sync-service/start-sync-service.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

describe('the scheduled reconciliation of a running sync service, on real PostgreSQL', () => {
  let system: TestSystem;
  let second: SyncService;
  let pool: pg.Pool;
  const everySecond = { cron: '* * * * * *', checkEveryMs: 50 };

  beforeAll(async () => {
    system = await startTestSystem({
      name: 'reconcile_schedule',
      seed: 9,
      organisations: 10,
      sync: () => ({ reconcile: everySecond }),
    });
    // A second instance on the same database with the same cron: the lock lets one run at a time.
    second = await startSyncService({
      databaseUrl: system.databaseUrl,
      bus: system.bus,
      absUrl: system.sim.url,
      clock: systemClock,
      log: createLogger('test', 'silent'),
      groupId: 'second',
      reconcile: everySecond,
    });
    await second.ready;
    pool = new pg.Pool({ connectionString: system.databaseUrl });
  });
  afterAll(async () => {
    await pool.end();
    await second.stop();
    await system.stop();
  });

  it('repairs a grey edit on its cron and counts it in /metrics', async () => {
    const id = system.sim.abs.store.accountIds()[0] as string;
    system.sim.abs.store.greyEdit(id, 4_242, Date.now());
    await vi.waitFor(
      async () => {
        const row = await pool.query('SELECT balance_minor FROM accounts WHERE id = $1', [id]);
        expect(row.rows[0]?.balance_minor).toBe('4242');
      },
      { timeout: 15_000, interval: 100 },
    );
    const metrics = async (service: SyncService) => (await fetch(`${service.url}/metrics`)).text();
    const healed = /corebridge_drift_healed_total\{source="abs",reason="balance-differs"\} (\d+)/;
    const counts = [await metrics(system.sync), await metrics(second)].map((m) =>
      Number(m.match(healed)?.[1] ?? 0),
    );
    expect((counts[0] ?? 0) + (counts[1] ?? 0)).toBe(1);
  });

  it('never runs two reconciliations at once across instances', async () => {
    await vi.waitFor(
      async () => {
        const holders = await pool.query(
          "SELECT DISTINCT holder FROM reconciliation_runs WHERE status = 'done'",
        );
        expect(holders.rowCount).toBeGreaterThanOrEqual(1);
      },
      { timeout: 10_000 },
    );
    const overlapping = await pool.query(`
      SELECT count(*)::int AS n FROM reconciliation_runs a JOIN reconciliation_runs b
        ON a.id < b.id AND a.started_at < b.finished_at AND b.started_at < a.finished_at`);
    expect(overlapping.rows[0].n).toBe(0);
  });

  it('refuses a bad cron expression at start', async () => {
    await expect(
      startSyncService({
        databaseUrl: system.databaseUrl,
        bus: system.bus,
        absUrl: system.sim.url,
        clock: systemClock,
        log: createLogger('test', 'silent'),
        reconcile: { cron: 'every night' },
      }),
    ).rejects.toThrow(/^Failed to schedule the ABS reconciliation: "every night" is not a cron expression/);
  });
});
