import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type pg from 'pg';
import { z } from 'zod';
import { type AbsClosingPosting, absClosingPostingSchema } from '../../contracts/abs/abs-schemas.ts';

/** Postings validated and written per step; between steps the event loop runs (heartbeats, HTTP). */
export const CLOSING_CHUNK = 500;

const INSERT_CLOSING = `
  INSERT INTO closing_postings (posting_id, account_id, amount_minor, booked_at, description)
  SELECT * FROM unnest($1::text[], $2::uuid[], $3::bigint[], $4::timestamptz[], $5::text[])
  ON CONFLICT (posting_id) DO NOTHING`;

// The envelope alone first: validating 10 000 items in one go is the stall this file avoids.
const envelopeSchema = z.object({
  type: z.literal('closing-postings'),
  postings: z.array(z.unknown()).max(10_000),
});

export interface ClosingOutcome {
  readonly applied: number;
  readonly beyondHorizon: number;
  readonly alreadyHeld: number;
}

/**
 * Takes one avalanche message (incident I4) in bounded steps, so a 1 MB message of 10 000 postings
 * never holds the event loop long enough to miss a consumer heartbeat: the envelope is checked
 * first, then each chunk is validated, filtered by the business horizon (a turnover older than it
 * is of no use to the internet bank) and written idempotently by posting id.
 */
export async function applyClosingPostings(
  pool: pg.Pool,
  json: unknown,
  horizonStart: number,
): Promise<ClosingOutcome> {
  const { postings } = envelopeSchema.parse(json);
  let applied = 0;
  let beyondHorizon = 0;
  let alreadyHeld = 0;
  for (let from = 0; from < postings.length; from += CLOSING_CHUNK) {
    const chunk = z.array(absClosingPostingSchema).parse(postings.slice(from, from + CLOSING_CHUNK));
    const recent = chunk.filter((p) => Date.parse(p.bookedAt) >= horizonStart);
    beyondHorizon += chunk.length - recent.length;
    if (recent.length > 0) {
      const written = await insertClosing(pool, recent);
      applied += written;
      alreadyHeld += recent.length - written;
    }
    await yieldToEventLoop();
  }
  return { applied, beyondHorizon, alreadyHeld };
}

async function insertClosing(pool: pg.Pool, postings: readonly AbsClosingPosting[]): Promise<number> {
  const result = await pool.query(INSERT_CLOSING, [
    postings.map((p) => p.postingId),
    postings.map((p) => p.accountId),
    postings.map((p) => p.amountMinor),
    postings.map((p) => p.bookedAt),
    postings.map((p) => p.description),
  ]);
  return result.rowCount ?? 0;
}
