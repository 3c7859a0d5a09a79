import type pg from 'pg';

// In id order, as the postings consumer locks its accounts (apply-postings.ts): the two can wait on
// each other but never in a circle, so neither is ever chosen as a deadlock victim.
const LOCK_DRIFTED = `
  SELECT a.id FROM accounts a JOIN reconcile_diff s ON s.id = a.id
  WHERE a.last_sequence = s.last_sequence AND a.balance_minor <> s.balance_minor
  ORDER BY a.id FOR UPDATE OF a`;

/** Locks, in the transaction on `client`, the accounts whose balance the repair is about to write. */
export async function lockDriftedAccounts(client: pg.ClientBase): Promise<number> {
  return (await client.query(LOCK_DRIFTED)).rowCount ?? 0;
}
