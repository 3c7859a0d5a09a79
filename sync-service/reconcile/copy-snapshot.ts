import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SnapshotSource } from './open-abs-snapshot.ts';
import { SnapshotCopyRows, type SnapshotHeader } from './snapshot-copy-rows.ts';

// A temporary table: private to the lock holder's session, never WAL-logged, gone if it dies.
const CREATE_STAGING = `
  DROP TABLE IF EXISTS reconcile_snapshot;
  CREATE TEMPORARY TABLE reconcile_snapshot (
    id uuid NOT NULL, organisation_id uuid NOT NULL, number text NOT NULL, currency text NOT NULL,
    balance_minor bigint NOT NULL, last_sequence bigint NOT NULL)`;
const COPY_STAGING = `
  COPY reconcile_snapshot (id, organisation_id, number, currency, balance_minor, last_sequence) FROM STDIN`;
/**
 * Streams the snapshot into the staging table `reconcile_snapshot` on `client` with one COPY, and
 * returns its header. Memory stays at a chunk however many accounts the export has.
 */
export async function copySnapshot(
  client: pg.ClientBase,
  source: SnapshotSource,
  onRows?: (rows: number) => void,
): Promise<SnapshotHeader & { rows: number }> {
  await client.query(CREATE_STAGING);
  const rows = new SnapshotCopyRows();
  const progress = onRows && setInterval(() => onRows(rows.rows), 1_000);
  try {
    await pipeline(await source(), rows, client.query(copyFrom(COPY_STAGING)));
  } finally {
    clearInterval(progress);
  }
  onRows?.(rows.rows);
  return { ...(rows.header as SnapshotHeader), rows: rows.rows };
}
