import type pg from 'pg';
import type { BusMessage } from '../../infra/event-bus.ts';

// A redelivered poison message lands once: the bus position is its identity.
const INSERT_DEAD_LETTER = `
  INSERT INTO dead_letters (topic, partition, message_offset, message_key, payload, error)
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (topic, partition, message_offset) DO NOTHING`;

export async function recordDeadLetter(pool: pg.Pool, message: BusMessage, error: string): Promise<void> {
  await pool.query(INSERT_DEAD_LETTER, [
    message.topic,
    message.partition,
    message.offset,
    message.key,
    message.value.toString('utf8'),
    error,
  ]);
}
