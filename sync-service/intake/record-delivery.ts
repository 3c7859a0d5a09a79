import { createHash } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db/with-transaction.ts';

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type DeliveryOutcome =
  | { readonly kind: 'accepted'; readonly answer: StoredAnswer }
  | { readonly kind: 'replayed'; readonly answer: StoredAnswer }
  | { readonly kind: 'key-reused' }
  | { readonly kind: 'in-progress' };

const FIND =
  'SELECT body_sha256, response_status, response_body FROM webhook_inbox WHERE idempotency_key = $1';
const INSERT = `
  INSERT INTO webhook_inbox (idempotency_key, body_sha256, event, payload, response_status, response_body)
  VALUES ($1, $2, $3, $4, $5, $6)`;

/**
 * Records a delivery in the inbox under its idempotency key, durably, before anyone answers it
 * (incident I5). One transaction per key at a time: a transaction-scoped advisory lock on the key
 * serialises deliveries of one key across every instance; one that finds the key locked is told
 * the first is still in progress (409), one that comes after gets the first answer back, or 422
 * if it carries a different body under the same key.
 */
export async function recordDelivery(
  pool: pg.Pool,
  key: string,
  event: string,
  rawBody: Buffer,
  payload: unknown,
): Promise<DeliveryOutcome> {
  const sha = createHash('sha256').update(rawBody).digest('hex');
  return withTransaction(pool, async (client) => {
    const lock = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_xact_lock(hashtextextended('webhook:' || $1, 0)) AS locked",
      [key],
    );
    if (!lock.rows[0]?.locked) return { kind: 'in-progress' };
    const found = await client.query<{
      body_sha256: string;
      response_status: number;
      response_body: unknown;
    }>(FIND, [key]);
    const first = found.rows[0];
    if (first) {
      if (first.body_sha256 !== sha) return { kind: 'key-reused' };
      return { kind: 'replayed', answer: { status: first.response_status, body: first.response_body } };
    }
    const answer = { status: 202, body: { idempotencyKey: key, status: 'accepted' } };
    await client.query(INSERT, [
      key,
      sha,
      event,
      JSON.stringify(payload),
      answer.status,
      JSON.stringify(answer.body),
    ]);
    await client.query("SELECT pg_notify('webhook_inbox', '')");
    return { kind: 'accepted', answer };
  });
}
