import type pg from 'pg';
import type { AbsAccount } from '../../contracts/abs/abs-schemas.ts';

/** An account's state as of a known sequence: what the cache keeps per account. */
export interface AccountPosition extends AbsAccount {
  /** Source time of the newest data in this position (ISO 8601). */
  readonly asOf: string;
}

// Only ever moves an account forward: a stale position (a redelivered batch, an initial load racing
// the event stream) changes nothing.
const ADVANCE_ACCOUNTS = `
  INSERT INTO accounts (id, organisation_id, number, currency, balance_minor, last_sequence, as_of)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::timestamptz[])
  ON CONFLICT (id) DO UPDATE SET
    balance_minor = EXCLUDED.balance_minor, last_sequence = EXCLUDED.last_sequence, as_of = EXCLUDED.as_of
  WHERE accounts.last_sequence < EXCLUDED.last_sequence`;

/** One statement for any number of accounts. */
export async function advanceAccounts(
  client: pg.ClientBase,
  positions: readonly AccountPosition[],
): Promise<void> {
  if (positions.length === 0) return;
  await client.query(ADVANCE_ACCOUNTS, [
    positions.map((a) => a.id),
    positions.map((a) => a.organisationId),
    positions.map((a) => a.number),
    positions.map((a) => a.currency),
    positions.map((a) => a.balanceMinor),
    positions.map((a) => a.lastSequence),
    positions.map((a) => a.asOf),
  ]);
}
