import type pg from 'pg';
import type { EventBus } from '../../infra/event-bus.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { INBOX_DEAD_LETTER_TOPIC } from '../intake/park-deliveries.ts';
import { requeueParkedDeliveries } from '../intake/requeue-parked-deliveries.ts';

const CLAIM = `
  SELECT id::text, topic, message_key, payload, headers FROM dead_letters
  WHERE redriven_at IS NULL AND ($1::bigint[] IS NULL OR id = ANY($1)) AND ($2::text IS NULL OR topic = $2)
  ORDER BY id FOR UPDATE SKIP LOCKED`;
const MARK = 'UPDATE dead_letters SET redriven_at = now() WHERE id = ANY($1::bigint[])';

/**
 * Sends dead letters back to their topic, as they first came (key, value, headers), and marks them
 * redriven in the same transaction: a failed publish marks nothing, and two operators redriving at
 * once never send one twice (the rows are locked). The consumers are idempotent, so a redrive of
 * something that has meanwhile been healed is dropped as a duplicate. A webhook delivery (topic
 * `crm.webhook`) came over HTTP, not a bus: its inbox row is put back for the inbox processor.
 */
export async function redriveDeadLetters(
  pool: pg.Pool,
  busFor: (topic: string) => EventBus,
  selection: { ids?: readonly string[]; topic?: string },
): Promise<number> {
  return withTransaction(pool, async (client) => {
    const rows = await client.query<{
      id: string;
      topic: string;
      message_key: string;
      payload: string;
      headers: Record<string, string>;
    }>(CLAIM, [selection.ids ?? null, selection.topic ?? null]);
    const byTopic = Map.groupBy(rows.rows, (row) => row.topic);
    const deliveries = byTopic.get(INBOX_DEAD_LETTER_TOPIC) ?? [];
    byTopic.delete(INBOX_DEAD_LETTER_TOPIC);
    await requeueParkedDeliveries(
      client,
      deliveries.map((l) => l.message_key),
    );
    for (const [topic, letters] of byTopic) {
      await busFor(topic).publish(
        topic,
        letters.map((l) => ({
          key: l.message_key,
          value: l.payload,
          headers: { ...l.headers, 'x-redriven-from': l.id },
        })),
      );
    }
    await client.query(MARK, [rows.rows.map((r) => r.id)]);
    return rows.rows.length;
  });
}
