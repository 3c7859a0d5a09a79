import type pg from 'pg';

/** The cache's position for one entity of one channel. */
export interface EntityPosition {
  readonly entity: string;
  readonly id: string;
  readonly lastSequence: number;
}

// Clients are sampled, not rows: a client's card, contacts and authorities go together. The client
// of a CRM row is its company; of an MDM row (legal details) the row itself. A hash with a fresh
// salt per run picks each client with probability `fraction` and another sample next time.
const SAMPLE_POSITIONS = `
  SELECT s.entity, s.entity_id AS id, s.last_sequence::float8 AS "lastSequence"
  FROM entity_sequences s
  LEFT JOIN crm_records r ON s.channel LIKE 'crm.%' AND r.entity = s.entity AND r.id = s.entity_id
  WHERE s.channel = $1
    AND (hashtext(coalesce(r.company_id, s.entity_id) || $2) & 2147483647) < $3::float8 * 2147483647
  LIMIT $4`;

/** A random sample of a channel's clients and the cache's position of each of their entities. */
export async function samplePositions(
  pool: pg.Pool,
  channel: string,
  options: { fraction: number; salt: string; limit: number },
): Promise<EntityPosition[]> {
  const result = await pool.query<EntityPosition>(SAMPLE_POSITIONS, [
    channel,
    options.salt,
    options.fraction,
    options.limit,
  ]);
  return result.rows;
}
