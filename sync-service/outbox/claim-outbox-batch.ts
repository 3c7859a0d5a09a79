import type pg from 'pg';

export interface ClaimedOutboxRow {
  readonly id: string;
  readonly aggregate: string;
  readonly topic: string;
  readonly message_key: string;
  readonly payload: { type: string; occurredAt: string; data: Record<string, unknown> };
  readonly headers: Record<string, string>;
}

// The oldest rows no other dispatcher holds (SKIP LOCKED); of those, only the ones with no earlier
// event of their aggregate left outside the claim — such an event is held by another dispatcher,
// and publishing after it keeps the aggregate's order. Rows held back stay locked until this
// transaction ends and go out in a later batch.
// (OFFSET 0 keeps the check a per-row index probe instead of an anti-join over the whole table.)
const CLAIM = `
  WITH claimed AS (
    SELECT id, aggregate, topic, message_key, payload, headers FROM outbox
    ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED),
  held AS (SELECT array_agg(id) AS ids FROM claimed)
  SELECT c.* FROM claimed c, held
  WHERE NOT EXISTS (
    SELECT 1 FROM outbox o
    WHERE o.aggregate = c.aggregate AND o.id < c.id AND o.id <> ALL (held.ids) OFFSET 0)
  ORDER BY id`;

/** Claims up to `limit` unpublished events on the caller's transaction, oldest first. */
export async function claimOutboxBatch(client: pg.ClientBase, limit: number): Promise<ClaimedOutboxRow[]> {
  return (await client.query<ClaimedOutboxRow>(CLAIM, [limit])).rows;
}

// Published rows are deleted, not stamped: an update would leave a dead row and index entries behind
// for every event, and vacuum would chase the dispatcher; what was published is on the bus.
const MARK_PUBLISHED = 'DELETE FROM outbox WHERE id = ANY($1::bigint[])';

/** Removes published rows on the claiming transaction: a crash before commit publishes them again. */
export async function markOutboxPublished(client: pg.ClientBase, ids: readonly string[]): Promise<void> {
  await client.query(MARK_PUBLISHED, [ids]);
}
