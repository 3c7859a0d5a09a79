import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { syncDefaults } from '../defaults.ts';

export interface PullSlotsOptions {
  readonly pool: pg.Pool;
  /** Concurrent ABS calls allowed across all instances. Default `syncDefaults.absPullLimit`. */
  readonly limit?: number;
  /** This instance's name in the slot table. */
  readonly holder: string;
  /** How long a slot stays taken without renewal. Default `syncDefaults.absSlotLeaseMs`. */
  readonly leaseMs?: number;
  /** Wait between attempts while every slot is taken (plus jitter). Default `syncDefaults.absSlotRetryMs`. */
  readonly retryMs?: number;
}

export interface PullSlots {
  readonly limit: number;
  /** Runs `call` while holding one slot; waits for a free one first. */
  run<T>(call: () => Promise<T>): Promise<T>;
  /** Slots held now, by every instance. */
  inUse(): Promise<number>;
}

const ENSURE = `INSERT INTO abs_pull_slots (slot) SELECT generate_series(1, $1) ON CONFLICT DO NOTHING`;
const ACQUIRE = `
  UPDATE abs_pull_slots SET holder = $1, lease_until = now() + make_interval(secs => $3)
  WHERE slot = (
    SELECT slot FROM abs_pull_slots
    WHERE slot <= $2 AND (holder IS NULL OR lease_until < now())
    ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING slot`;
const RENEW = `UPDATE abs_pull_slots SET lease_until = now() + make_interval(secs => $3) WHERE slot = $1 AND holder = $2`;
const RELEASE = `UPDATE abs_pull_slots SET holder = NULL, lease_until = NULL WHERE slot = $1 AND holder = $2`;
const IN_USE = `SELECT count(*)::int AS n FROM abs_pull_slots WHERE slot <= $1 AND holder IS NOT NULL AND lease_until >= now()`;

/**
 * The ABS's global concurrency limit as rows in PostgreSQL (incident I1): N slots, each taken with
 * a lease by one call of one instance. Leases are renewed while the call runs, so only a holder
 * that died (no renewals) loses its slot to another.
 */
export async function createPullSlots(options: PullSlotsOptions): Promise<PullSlots> {
  const { pool, holder } = options;
  const limit = options.limit ?? syncDefaults.absPullLimit;
  const leaseSeconds = (options.leaseMs ?? syncDefaults.absSlotLeaseMs) / 1000;
  const retryMs = options.retryMs ?? syncDefaults.absSlotRetryMs;
  await pool.query(ENSURE, [limit]);
  const acquire = async (): Promise<number> => {
    for (;;) {
      const taken = await pool.query<{ slot: number }>(ACQUIRE, [holder, limit, leaseSeconds]);
      const slot = taken.rows[0]?.slot;
      if (slot !== undefined) return slot;
      await sleep(retryMs + Math.random() * retryMs);
    }
  };
  return {
    limit,
    async run(call) {
      const slot = await acquire();
      const renew = setInterval(
        () => void pool.query(RENEW, [slot, holder, leaseSeconds]).catch(() => {}),
        (leaseSeconds * 1000) / 3,
      );
      try {
        return await call();
      } finally {
        clearInterval(renew);
        await pool.query(RELEASE, [slot, holder]);
      }
    },
    async inUse() {
      return (await pool.query<{ n: number }>(IN_USE, [limit])).rows[0]?.n ?? 0;
    },
  };
}
