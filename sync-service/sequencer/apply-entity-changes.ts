import type pg from 'pg';
import { withTransaction } from '../db/with-transaction.ts';
import type { EntityChange, EntityWriter } from './entity-writer.ts';
import { type EntityGap, entityKey, planSequence, type SequencePlan } from './plan-sequence.ts';

// New entities get a zero row first, so every entity of the batch can be locked the same way. In
// key order, as the lock below: two batches touching the same new entities never wait on each other in a circle.
const SEED_POSITIONS = `
  INSERT INTO entity_sequences (channel, entity, entity_id, last_sequence, updated_at)
  SELECT $1, e, i, 0, now() FROM unnest($2::text[], $3::text[]) AS t(e, i) ORDER BY e, i
  ON CONFLICT DO NOTHING`;

const LOCK_POSITIONS = `
  SELECT entity, entity_id, last_sequence FROM entity_sequences
  WHERE channel = $1 AND (entity, entity_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
  ORDER BY entity, entity_id FOR UPDATE`;

const ADVANCE_POSITIONS = `
  UPDATE entity_sequences s SET last_sequence = GREATEST(s.last_sequence, t.seq), updated_at = now()
  FROM unnest($2::text[], $3::text[], $4::bigint[]) AS t(e, i, seq)
  WHERE s.channel = $1 AND s.entity = t.e AND s.entity_id = t.i`;

/**
 * Applies a batch from one channel through the sequencer: the changes that are next in line are
 * written and the channel's positions advanced in the same transaction, duplicates are dropped,
 * gaps are returned for the caller to close with a point fetch (`closeGap`).
 */
export async function applyEntityChanges<T>(
  pool: pg.Pool,
  channel: string,
  changes: readonly EntityChange<T>[],
  writer: EntityWriter<T>,
): Promise<SequencePlan<EntityChange<T>>> {
  if (changes.length === 0) return { apply: [], duplicates: 0, gaps: [] };
  const unique = [...new Map(changes.map((c) => [entityKey(c.entity, c.id), c])).values()];
  const entities = unique.map((c) => c.entity);
  const ids = unique.map((c) => c.id);
  return withTransaction(pool, async (client) => {
    await client.query(SEED_POSITIONS, [channel, entities, ids]);
    const locked = await client.query<{ entity: string; entity_id: string; last_sequence: string }>(
      LOCK_POSITIONS,
      [channel, entities, ids],
    );
    const last = new Map(locked.rows.map((r) => [entityKey(r.entity, r.entity_id), Number(r.last_sequence)]));
    const plan = planSequence(changes, last);
    if (plan.apply.length === 0) return plan;
    await writer.write(client, plan.apply);
    await advance(client, channel, plan.apply);
    return plan;
  });
}

/**
 * Closes a gap with the entity's state fetched from the source: writes it (the writer keeps the
 * newer of it and what is held) and moves the channel's position to just before the message that
 * revealed the gap, which then applies as N+1 (or is discarded by version if the fetch was newer).
 */
export async function closeGap<T>(
  pool: pg.Pool,
  channel: string,
  gap: EntityGap,
  fetched: EntityChange<T>,
  writer: EntityWriter<T>,
): Promise<void> {
  await withTransaction(pool, async (client) => {
    await writer.write(client, [fetched]);
    await advance(client, channel, [{ ...gap, sequence: gap.firstBeyond - 1 }]);
  });
}

async function advance(
  client: pg.PoolClient,
  channel: string,
  applied: readonly { entity: string; id: string; sequence: number }[],
): Promise<void> {
  const newest = new Map<string, { entity: string; id: string; sequence: number }>();
  for (const x of applied) newest.set(entityKey(x.entity, x.id), x);
  const rows = [...newest.values()];
  await client.query(ADVANCE_POSITIONS, [
    channel,
    rows.map((r) => r.entity),
    rows.map((r) => r.id),
    rows.map((r) => r.sequence),
  ]);
}
