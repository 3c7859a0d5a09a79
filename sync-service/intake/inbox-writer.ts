import { createHash } from 'node:crypto';
import type pg from 'pg';
import { traceHeaders } from '../../infra/tracing/trace-context.ts';
import { isInputError } from '../db/input-error.ts';
import { withTransaction } from '../db/with-transaction.ts';

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type DeliveryOutcome =
  | { readonly kind: 'accepted'; readonly answer: StoredAnswer }
  | { readonly kind: 'replayed'; readonly answer: StoredAnswer }
  | { readonly kind: 'key-reused' }
  | { readonly kind: 'in-progress' }
  /** The database refused this delivery's values (written alone): no retry of it can succeed. */
  | { readonly kind: 'unstorable'; readonly reason: string };

interface Pending {
  readonly key: string;
  readonly sha: string;
  readonly event: string;
  readonly payload: unknown;
  readonly trace: Record<string, string>;
  readonly resolve: (outcome: DeliveryOutcome) => void;
  readonly reject: (error: unknown) => void;
}

// A key already in the inbox (committed by this or another instance) is left alone; the insert
// waits for another instance's uncommitted row with the same key, so the look-up after sees it.
const INSERT = `
  INSERT INTO webhook_inbox (idempotency_key, body_sha256, event, payload, trace, response_status, response_body)
  SELECT key, sha, event, payload, trace, 202, jsonb_build_object('idempotencyKey', key, 'status', 'accepted')
  FROM json_to_recordset($1::json) AS t(key text, sha text, event text, payload jsonb, trace jsonb)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING idempotency_key`;
const FIND = `
  SELECT idempotency_key, body_sha256, response_status, response_body FROM webhook_inbox
  WHERE idempotency_key = ANY($1)`;

/** Deliveries written per transaction at most. */
const MAX_BATCH = 500;

/**
 * Writes deliveries into the inbox durably before anyone answers them (incident I5), many per
 * transaction: while one commit is on its way to disk the next deliveries gather, so a burst costs
 * one fsync per batch, not per request. A key whose first delivery is still being written here is
 * answered "in progress" (409); a key already stored gets the first answer back, or "reused" if
 * the body differs. A batch the database refuses is written again one delivery at a time, so a
 * delivery it cannot store (one the intake's checks missed) is refused alone, never its neighbours.
 */
export function createInboxWriter(pool: pg.Pool) {
  const inFlight = new Set<string>();
  let queue: Pending[] = [];
  let flushing = false;

  const flush = async () => {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      try {
        const outcomes = await writeBatch(pool, batch);
        for (const [i, p] of batch.entries()) p.resolve(outcomes[i] as DeliveryOutcome);
      } catch (error) {
        if (isInputError(error)) await writeOneByOne(pool, batch);
        else for (const p of batch) p.reject(error);
      } finally {
        for (const p of batch) inFlight.delete(p.key);
      }
    }
    flushing = false;
  };

  return {
    record(key: string, event: string, rawBody: Buffer, payload: unknown): Promise<DeliveryOutcome> {
      if (inFlight.has(key)) return Promise.resolve({ kind: 'in-progress' });
      inFlight.add(key);
      const sha = createHash('sha256').update(rawBody).digest('hex');
      const outcome = new Promise<DeliveryOutcome>((resolve, reject) =>
        queue.push({ key, sha, event, payload, trace: traceHeaders(), resolve, reject }),
      );
      if (!flushing) void flush();
      return outcome;
    },
  };
}
export type InboxWriter = ReturnType<typeof createInboxWriter>;

// Alone, a delivery refused for its values is answered as such; any other failure is the
// inbox's (the sender retries on the 503).
async function writeOneByOne(pool: pg.Pool, batch: readonly Pending[]): Promise<void> {
  for (const p of batch) {
    try {
      const [outcome] = await writeBatch(pool, [p]);
      p.resolve(outcome as DeliveryOutcome);
    } catch (error) {
      if (isInputError(error)) p.resolve({ kind: 'unstorable', reason: reasonOf(error) });
      else p.reject(error);
    }
  }
}

// PostgreSQL's message is generic ("unsupported Unicode escape sequence"); its detail says which value.
function reasonOf(error: unknown): string {
  const { message, detail } = error as { message: string; detail?: string };
  return detail ? `${message}: ${detail.replace(/\.$/, '')}` : message;
}

async function writeBatch(pool: pg.Pool, batch: readonly Pending[]): Promise<DeliveryOutcome[]> {
  return withTransaction(pool, async (client) => {
    const rows = batch.map(({ key, sha, event, payload, trace }) => ({ key, sha, event, payload, trace }));
    const inserted = new Set(
      (await client.query<{ idempotency_key: string }>(INSERT, [JSON.stringify(rows)])).rows.map(
        (r) => r.idempotency_key,
      ),
    );
    const others = batch.filter((p) => !inserted.has(p.key)).map((p) => p.key);
    const stored = new Map(
      others.length === 0
        ? []
        : (
            await client.query<{
              idempotency_key: string;
              body_sha256: string;
              response_status: number;
              response_body: unknown;
            }>(FIND, [others])
          ).rows.map((r) => [r.idempotency_key, r]),
    );
    if (inserted.size > 0) await client.query("SELECT pg_notify('webhook_inbox', '')");
    return batch.map((p): DeliveryOutcome => {
      if (inserted.has(p.key))
        return {
          kind: 'accepted',
          answer: { status: 202, body: { idempotencyKey: p.key, status: 'accepted' } },
        };
      const first = stored.get(p.key);
      if (!first)
        throw new Error(`Failed to record delivery ${p.key}: neither inserted nor found. Retry it.`);
      if (first.body_sha256 !== p.sha) return { kind: 'key-reused' };
      return { kind: 'replayed', answer: { status: first.response_status, body: first.response_body } };
    });
  });
}
