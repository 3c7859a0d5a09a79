import type pg from 'pg';

// A fresh start: the attempts of the failures that parked it are spent on a cause now fixed.
const REQUEUE = `
  UPDATE webhook_inbox SET status = 'received', attempts = 0, last_error = NULL
  WHERE idempotency_key = ANY($1) AND status = 'parked'`;

/**
 * Puts parked deliveries back in the inbox for the processor, as they were first stored (the
 * inbox row is the delivery; its dead letter only points at it), and wakes the processor when
 * the caller's transaction commits. Returns how many were parked.
 */
export async function requeueParkedDeliveries(
  client: pg.ClientBase,
  keys: readonly string[],
): Promise<number> {
  if (keys.length === 0) return 0;
  const result = await client.query(REQUEUE, [keys]);
  await client.query("SELECT pg_notify('webhook_inbox', '')");
  return result.rowCount ?? 0;
}
