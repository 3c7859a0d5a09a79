import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../sync-service/db/migrate.ts';
import { createPullQueue } from '../sync-service/limiter/pull-queue.ts';
import { createPullSlots } from '../sync-service/limiter/pull-slots.ts';
import { testDatabase } from './test-database.ts';

/** Incident I1's global limit and work queue, shared by instances through one real PostgreSQL. */
describe('ABS pull limiter and work queue on real PostgreSQL', () => {
  let pool: pg.Pool;

  beforeAll(async () => {
    const url = await testDatabase('limiter');
    await migrate(url);
    pool = new pg.Pool({ connectionString: url, max: 30 });
  });
  afterAll(async () => {
    await pool.end();
  });

  it('never lets more calls run than the limit, across instances', async () => {
    const a = await createPullSlots({ pool, limit: 3, holder: 'instance-a', retryMs: 5 });
    const b = await createPullSlots({ pool, limit: 3, holder: 'instance-b', retryMs: 5 });
    let running = 0;
    let peak = 0;
    const call = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(20);
      running -= 1;
    };
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).run(call)));
    expect(peak).toBe(3);
    expect(await a.inUse()).toBe(0);
  });

  it('gives a dead holder’s slot to another once its lease runs out', async () => {
    const slots = await createPullSlots({ pool, limit: 3, holder: 'survivor', retryMs: 5 });
    // Every slot taken by an instance that then died: nobody renews its leases.
    await pool.query(
      "UPDATE abs_pull_slots SET holder = 'dead', lease_until = now() + interval '300 milliseconds' WHERE slot <= 3",
    );
    expect(await slots.inUse()).toBe(3);
    const started = performance.now();
    expect(await slots.run(async () => 'pulled')).toBe('pulled');
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('keeps one waiting job per subject and hands a dead worker’s job to another', async () => {
    const crashed = createPullQueue(pool, 'crashed', 300);
    const healthy = createPullQueue(pool, 'healthy', 300);
    await crashed.enqueue('postings-after', 'account-1');
    await crashed.enqueue('postings-after', 'account-1');
    expect((await pool.query("SELECT status FROM abs_pull_jobs WHERE subject = 'account-1'")).rows).toEqual([
      { status: 'WAITING' },
    ]);

    const taken = await crashed.claim();
    expect(taken?.subject).toBe('account-1');
    expect(await healthy.claim()).toBeUndefined();
    // While it runs, a new gap on the account queues one more pull (what it fetched may be too old).
    await healthy.enqueue('postings-after', 'account-1');
    await sleep(350);
    const retaken = await healthy.claim();
    expect(retaken?.id).toBe(taken?.id);
    if (retaken) await healthy.complete(retaken);
    const statuses = await pool.query(
      "SELECT status FROM abs_pull_jobs WHERE subject = 'account-1' ORDER BY id",
    );
    expect(statuses.rows).toEqual([{ status: 'DONE' }, { status: 'WAITING' }]);
  });

  it('puts a failed pull back with a later start, merged into a wait that appeared meanwhile', async () => {
    await pool.query('DELETE FROM abs_pull_jobs');
    const queue = createPullQueue(pool, 'worker', 10_000);
    await queue.enqueue('postings-after', 'account-2');
    const job = await queue.claim();
    if (!job) throw new Error('expected a job');
    await queue.retry(job, 'ABS down', 60_000);
    expect(await queue.claim()).toBeUndefined();
    const rows = await pool.query(
      "SELECT status, attempts, last_error FROM abs_pull_jobs WHERE subject = 'account-2'",
    );
    expect(rows.rows).toEqual([{ status: 'WAITING', attempts: 1, last_error: 'ABS down' }]);

    await pool.query("UPDATE abs_pull_jobs SET not_before = now() WHERE subject = 'account-2'");
    const again = await queue.claim();
    if (!again) throw new Error('expected the job again');
    await queue.enqueue('postings-after', 'account-2');
    await queue.retry(again, 'ABS down again', 60_000);
    const merged = await pool.query("SELECT status FROM abs_pull_jobs WHERE subject = 'account-2'");
    expect(merged.rows).toEqual([{ status: 'WAITING' }]);
  });
});
