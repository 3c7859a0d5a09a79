import type pg from 'pg';
import { SYNC_PROCESSED_TOPIC } from '../../contracts/sync/sync-event.ts';
import { traceHeaders } from '../../infra/tracing/trace-context.ts';

/** An event to publish once the caller's transaction commits. */
export interface OutboxEntry {
  /** What the event is about (`company:<id>`); its events are published in the order written. */
  readonly aggregate: string;
  readonly type: string;
  /** Source time of the change, ISO 8601. */
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
  /** Default `sync.processed`. */
  readonly topic?: string;
}

const INSERT = `
  INSERT INTO outbox (aggregate, topic, message_key, payload, headers)
  SELECT a, t, a, p, $4::jsonb FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS e(a, t, p)
  RETURNING id`;

/**
 * Writes events into the outbox on the caller's transaction (incident I9): they are published if
 * and only if that transaction commits. The request's trace ids travel with them.
 */
export async function enqueueOutbox(
  client: pg.ClientBase,
  entries: readonly OutboxEntry[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  const result = await client.query<{ id: string }>(INSERT, [
    entries.map((e) => e.aggregate),
    entries.map((e) => e.topic ?? SYNC_PROCESSED_TOPIC),
    entries.map((e) => JSON.stringify({ type: e.type, occurredAt: e.occurredAt, data: e.data })),
    JSON.stringify(traceHeaders()),
  ]);
  return result.rows.map((row) => row.id);
}
