import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbsAccount } from '../contracts/abs/abs-schemas.ts';
import { systemClock } from '../infra/clock.ts';
import { absSnapshotSource } from '../sync-service/reconcile/open-abs-snapshot.ts';
import { reconcileAbs } from '../sync-service/reconcile/reconcile-abs.ts';
import { applyPostings } from '../sync-service/sequencer/apply-postings.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

/** A snapshot source serving these lines, optionally held open until `release` is called. */
function linesSource(lines: string[], gate?: Promise<void>) {
  return async () =>
    Readable.from(
      (async function* () {
        for (const line of lines) yield Buffer.from(`${line}\n`);
        await gate;
      })(),
    );
}

describe('ABS reconciliation against the replica snapshot, on real PostgreSQL', () => {
  let system: TestSystem;
  let pool: pg.Pool;
  const xmins = async () =>
    new Map(
      (await pool.query<{ id: string; xmin: string }>('SELECT id, xmin::text FROM accounts')).rows.map(
        (r) => [r.id, r.xmin],
      ),
    );
  const cached = async (id: string) =>
    (
      await pool.query<{ balance_minor: string; last_sequence: string }>(
        'SELECT balance_minor, last_sequence FROM accounts WHERE id = $1',
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    system = await startTestSystem({
      name: 'reconcile',
      seed: 5,
      organisations: 20,
      accountsPerOrganisation: 2,
    });
    // The cache is loaded; from here on only the reconciliation writes it.
    await system.sync.stop();
    pool = new pg.Pool({ connectionString: system.databaseUrl });
  });
  afterAll(async () => {
    await pool.end();
    await system.stop();
  });

  it('repairs grey edits in place, inserts missing accounts, queues pulls for the behind, and writes nothing else', async () => {
    const store = system.sim.abs.store;
    const [edited1, edited2, ahead, behind, missing] = store.accountIds() as [
      string,
      string,
      string,
      string,
      string,
    ];
    store.greyEdit(edited1, 123_45, Date.now());
    store.greyEdit(edited2, -7_00, Date.now());
    // The live consumer applied a posting booked after the snapshot: the cache is ahead, and right.
    await pool.query(
      'UPDATE accounts SET last_sequence = last_sequence + 1, balance_minor = balance_minor + 500 WHERE id = $1',
      [ahead],
    );
    // A posting the cache never got (the ABS booked it, its event was lost).
    store.book(behind, { postingId: randomUUID(), amountMinor: 1_000, description: 'lost' }, Date.now());
    await pool.query('DELETE FROM accounts WHERE id = $1', [missing]);
    const aheadBefore = await cached(ahead);
    const before = await xmins();

    const outcome = await reconcileAbs({
      databaseUrl: system.databaseUrl,
      snapshot: absSnapshotSource(system.sim.url),
      clock: systemClock,
      holder: 'test',
    });
    if (!outcome.ran) throw new Error('expected the run to take the lock');
    const { report } = outcome;
    const total = store.accountIds().length;
    expect(report.snapshotRows).toBe(total);
    expect(report.found).toEqual({
      unchanged: total - 5,
      balanceDiffers: 2,
      sequenceBehind: 1,
      missingInCache: 1,
      cacheAhead: 1,
      notInSnapshot: 0,
    });
    // The missing account was inserted at sequence 0, so it also waits for its postings' pull.
    const missingHasPostings = (store.account(missing) as AbsAccount).lastSequence > 0;
    expect(report.repaired).toEqual({
      balanceDiffers: 2,
      missingInCache: 1,
      sequenceBehind: 1 + (missingHasPostings ? 1 : 0),
    });

    const repairs = await pool.query(
      `SELECT account_id, field, cache_value, snapshot_value, reason FROM reconciliation_repairs
       WHERE run_id = $1 ORDER BY reason, account_id`,
      [report.runId],
    );
    expect(repairs.rows.filter((r) => r.reason === 'balance-differs')).toEqual(
      [edited1, edited2].toSorted().map((id) => ({
        account_id: id,
        field: 'balance_minor',
        cache_value: String(store.drift.find((d) => d.accountId === id)?.balanceBefore),
        snapshot_value: String(store.account(id)?.balanceMinor),
        reason: 'balance-differs',
      })),
    );
    expect(repairs.rows.filter((r) => r.reason === 'missing-in-cache').map((r) => r.account_id)).toEqual([
      missing,
    ]);
    expect(await cached(edited1)).toMatchObject({ balance_minor: '12345' });
    expect(await cached(edited2)).toMatchObject({ balance_minor: '-700' });
    expect(await cached(ahead)).toEqual(aheadBefore);

    const pulls = await pool.query<{ subject: string }>(
      "SELECT subject FROM abs_pull_jobs WHERE kind = 'postings-after' AND status = 'WAITING'",
    );
    expect(pulls.rows.map((r) => r.subject)).toContain(behind);

    // Nothing else touched: every other row keeps the row version it had.
    const after = await xmins();
    const rewritten = [...before].filter(([id, xmin]) => after.get(id) !== xmin).map(([id]) => id);
    expect(rewritten.toSorted()).toEqual([edited1, edited2].toSorted());

    const run = await pool.query(
      'SELECT status, snapshot_rows, summary FROM reconciliation_runs WHERE id = $1',
      [report.runId],
    );
    expect(run.rows[0]).toMatchObject({ status: 'done', snapshot_rows: String(total) });
  });

  it('finds nothing to repair on a second run', async () => {
    const before = await xmins();
    const outcome = await reconcileAbs({
      databaseUrl: system.databaseUrl,
      snapshot: absSnapshotSource(system.sim.url),
      clock: systemClock,
      holder: 'test',
    });
    expect(outcome.ran && outcome.report.repaired.balanceDiffers).toBe(0);
    expect(outcome.ran && outcome.report.repaired.missingInCache).toBe(0);
    expect(await xmins()).toEqual(before);
  });

  it('lets only one of two instances run at a time, and the other once the first is done', async () => {
    const snapshot = await (await absSnapshotSource(system.sim.url)()).toArray();
    const lines = Buffer.concat(snapshot).toString().trimEnd().split('\n');
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = reconcileAbs({
      databaseUrl: system.databaseUrl,
      snapshot: linesSource(lines, gate),
      clock: systemClock,
      holder: 'instance-a',
    });
    // Wait until the first instance holds the lock and is streaming.
    for (;;) {
      const running = await pool.query(
        "SELECT 1 FROM reconciliation_runs WHERE holder = 'instance-a' AND status = 'running'",
      );
      if (running.rowCount) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const second = await reconcileAbs({
      databaseUrl: system.databaseUrl,
      snapshot: linesSource(lines),
      clock: systemClock,
      holder: 'instance-b',
    });
    expect(second).toEqual({ ran: false, reason: 'locked' });
    release();
    expect((await first).ran).toBe(true);
    const third = await reconcileAbs({
      databaseUrl: system.databaseUrl,
      snapshot: linesSource(lines),
      clock: systemClock,
      holder: 'instance-b',
    });
    expect(third.ran).toBe(true);
  });

  it('does not roll back a posting the live consumer applied after the snapshot was taken', async () => {
    const store = system.sim.abs.store;
    const account = store.allAccounts()[11] as AbsAccount;
    store.greyEdit(account.id, account.balanceMinor + 99, Date.now());
    const snapshot = await (await absSnapshotSource(system.sim.url)()).toArray();
    const lines = Buffer.concat(snapshot).toString().trimEnd().split('\n');
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run = reconcileAbs({
      databaseUrl: system.databaseUrl,
      snapshot: linesSource(lines, gate),
      clock: systemClock,
      holder: 'test',
    });
    // While the snapshot streams, the next posting (booked after the grey edit) reaches the cache.
    const posting = store.book(
      account.id,
      { postingId: randomUUID(), amountMinor: 1, description: 'after the snapshot' },
      Date.now(),
    );
    await applyPostings(pool, [posting]);
    release();
    const outcome = await run;
    // This account, and the one the first test moved ahead by hand.
    expect(outcome.ran && outcome.report.found.cacheAhead).toBe(2);
    expect(outcome.ran && outcome.report.repaired.balanceDiffers).toBe(0);
    expect(await cached(account.id)).toEqual({
      balance_minor: String(posting.balanceAfterMinor),
      last_sequence: String(posting.sequence),
    });
  });

  it('refuses a cut-off snapshot without repairing anything, and frees the lock', async () => {
    const store = system.sim.abs.store;
    const id = store.accountIds()[7] as string;
    store.greyEdit(id, 1, Date.now());
    const lines = [
      JSON.stringify({ snapshotAt: new Date().toISOString(), accounts: 2 }),
      JSON.stringify(store.account(id)),
    ];
    const run = reconcileAbs({
      databaseUrl: system.databaseUrl,
      snapshot: linesSource(lines),
      clock: systemClock,
      holder: 'test',
    });
    await expect(run).rejects.toThrow(
      'Failed to read the ABS snapshot: it promised 2 accounts and ended after 1. The export was cut off; run the reconciliation again.',
    );
    expect((await cached(id))?.balance_minor).not.toBe('1');
    const failed = await pool.query("SELECT error FROM reconciliation_runs WHERE status = 'failed'");
    expect(failed.rows).toHaveLength(1);
    const next = await reconcileAbs({
      databaseUrl: system.databaseUrl,
      snapshot: absSnapshotSource(system.sim.url),
      clock: systemClock,
      holder: 'test',
    });
    expect(next.ran && next.report.repaired.balanceDiffers).toBe(1);
  });

  it('names the line and field of a malformed account, and an account listed twice', async () => {
    const account = system.sim.abs.store.allAccounts()[0] as AbsAccount;
    const header = (n: number) => JSON.stringify({ snapshotAt: new Date().toISOString(), accounts: n });
    const run = (lines: string[]) =>
      reconcileAbs({
        databaseUrl: system.databaseUrl,
        snapshot: linesSource(lines),
        clock: systemClock,
        holder: 'test',
      });
    await expect(run([header(1), JSON.stringify({ ...account, balanceMinor: 1.5 })])).rejects.toThrow(
      'Failed to read the ABS snapshot: line 2 has no valid balanceMinor (1.5). Check the replica export.',
    );
    await expect(run(['not json'])).rejects.toThrow('line 1 is not JSON');
    // Listed twice and differing from the cache: which of the two would the repair write?
    const twice = JSON.stringify({ ...account, balanceMinor: account.balanceMinor + 1 });
    await expect(run([header(2), twice, twice])).rejects.toThrow(
      /^Failed to compare the ABS snapshot with the cache: .*duplicate key.*the export lists an account twice/,
    );
  });
});
