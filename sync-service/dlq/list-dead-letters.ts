import type pg from 'pg';

export interface DeadLetter {
  readonly id: string;
  readonly topic: string;
  readonly key: string;
  readonly error: string;
  readonly createdAt: Date;
  readonly redrivenAt: Date | null;
}

const LIST = `
  SELECT id::text, topic, message_key AS key, error, created_at AS "createdAt", redriven_at AS "redrivenAt"
  FROM dead_letters
  WHERE ($1::text IS NULL OR topic = $1) AND ($2 OR redriven_at IS NULL)
  ORDER BY id LIMIT $3`;

/** Dead letters, oldest first; redriven ones only when asked for. */
export async function listDeadLetters(
  pool: pg.Pool,
  options: { topic?: string; includeRedriven?: boolean; limit?: number } = {},
): Promise<DeadLetter[]> {
  const result = await pool.query<DeadLetter>(LIST, [
    options.topic ?? null,
    options.includeRedriven ?? false,
    options.limit ?? 1_000,
  ]);
  return result.rows;
}
