import type pg from 'pg';

/** The dead-letter topic of webhook deliveries: `corebridge dlq redrive` puts these back in the inbox, not on a bus. */
export const INBOX_DEAD_LETTER_TOPIC = 'crm.webhook';

export interface DeliveryToPark {
  readonly key: string;
  /** Why it is parked, as the operator will read it in `corebridge dlq list`. */
  readonly error: string;
}

// An inbox row has no bus position, so the dead letter's own id stands in for the offset that
// `UNIQUE (topic, partition, message_offset)` asks for: unique by construction. A delivery is
// parked once per failure, because only a `received` row changes here (under the claim's lock).
const PARK = `
  WITH parked AS (
    UPDATE webhook_inbox i SET status = 'parked', attempts = i.attempts + 1, last_error = t.error
    FROM unnest($1::text[], $2::text[]) AS t(key, error)
    WHERE i.idempotency_key = t.key AND i.status = 'received'
    RETURNING i.idempotency_key, i.payload, i.trace, i.attempts, t.error
  ), numbered AS MATERIALIZED (
    SELECT nextval(pg_get_serial_sequence('dead_letters', 'id')) AS id, parked.* FROM parked
  )
  INSERT INTO dead_letters (id, topic, partition, message_offset, message_key, payload, headers, attempts, error)
  SELECT id, $3, 0, id, idempotency_key, payload::text, trace, attempts, error FROM numbered
  RETURNING id::text, message_key AS key`;

/**
 * Sets deliveries aside on the claiming transaction: the inbox row becomes `parked` (no longer
 * claimed) and a dead letter records it with its payload, trace and reason, for `corebridge dlq
 * list|redrive`. Returns the dead letters' ids by idempotency key.
 */
export async function parkDeliveries(
  client: pg.ClientBase,
  deliveries: readonly DeliveryToPark[],
): Promise<Map<string, string>> {
  if (deliveries.length === 0) return new Map();
  const result = await client.query<{ id: string; key: string }>(PARK, [
    deliveries.map((d) => d.key),
    deliveries.map((d) => d.error),
    INBOX_DEAD_LETTER_TOPIC,
  ]);
  return new Map(result.rows.map((r) => [r.key, r.id]));
}
