import type pg from 'pg';
import type { BusMessage, EventBus } from '../../infra/event-bus.ts';

/** Where a poison message of `topic` goes on the bus, besides the dead-letter table. */
export const failedTopicOf = (topic: string): string => `${topic}.failed`;

// A redelivered poison message lands once: the bus position is its identity.
const INSERT_DEAD_LETTER = `
  INSERT INTO dead_letters (topic, partition, message_offset, message_key, payload, headers, error)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (topic, partition, message_offset) DO NOTHING`;

/**
 * Parks a message no retry can fix (it does not parse or breaks the contract): a row in
 * `dead_letters` for `corebridge dlq list|redrive`, and a copy on `<topic>.failed` with the error
 * in its headers for whoever watches failures on the bus. The partition then moves on.
 */
export async function parkPoisonMessage(
  pool: pg.Pool,
  bus: EventBus,
  message: BusMessage,
  error: string,
  failedTopic: string = failedTopicOf(message.topic),
): Promise<void> {
  await pool.query(INSERT_DEAD_LETTER, [
    message.topic,
    message.partition,
    message.offset,
    message.key,
    message.value.toString('utf8'),
    JSON.stringify(message.headers),
    error,
  ]);
  await bus.publish(failedTopic, [
    {
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        'x-failed-topic': message.topic,
        'x-failed-offset': String(message.offset),
        'x-failed-error': error.slice(0, 500),
      },
    },
  ]);
}
