import type pg from 'pg';
import type { CrmWritableEntity } from '../../contracts/sync/crm-write-event.ts';
import { recordBankWrite } from '../bank-writes/record-bank-write.ts';
import { type FieldConflict, type FieldOwner, mergeCrmState, type OpenBankWrite } from './merge-crm-state.ts';
import { recordConflicts } from './record-conflicts.ts';

/** A CRM record's new state as a channel brought it. */
export interface IncomingCrmState {
  readonly entity: string;
  readonly id: string;
  readonly state: Record<string, unknown>;
  /** Source time of the change. */
  readonly at: string;
  /** The change's origin names this integration. */
  readonly ours: boolean;
}

interface CachedRow {
  readonly entity: string;
  readonly id: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly crm_state: Record<string, unknown> | null;
}
interface OpenRow {
  readonly id: string;
  readonly entity: string;
  readonly record_id: string;
  readonly field: string;
  readonly value: unknown;
  readonly changed_at: Date;
  readonly status: OpenBankWrite['status'];
}

const CACHED = `
  SELECT entity, id, version, deleted, coalesce(crm_state, state) AS crm_state FROM crm_records
  WHERE (entity, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;
const OPEN_WRITES = `
  SELECT id, entity, record_id, field, value, changed_at, status FROM bank_writes
  WHERE status IN ('pending', 'delivered') AND (entity, record_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
  ORDER BY id`;
const SET_STATUS = `UPDATE bank_writes SET status = $2 WHERE id = ANY($1::bigint[]) AND status IN ('pending', 'delivered')`;
const OWNERSHIP = 'SELECT entity, field, owner FROM field_ownership';

const WRITABLE = new Set<string>(['company', 'contact', 'task']);
const keyOf = (c: { entity: string; id: string }) => `${c.entity}:${c.id}`;

/**
 * Runs a batch's incoming CRM states through `mergeCrmState` against the cache and the bank's
 * open writes, on the sequencer's transaction: confirms echoed writes, supersedes lost ones,
 * records conflicts with an operator task each, and queues write-backs in the outbox. Every
 * version of a record in the batch is merged in order — a CRM edit and the echo of our write may
 * arrive together, and the edit must still be seen. States no newer than the cached one decide
 * nothing (the upsert discards them). Returns the state the DBO should see per `entity:id`.
 */
export async function mergeWithBankWrites(
  client: pg.ClientBase,
  incoming: readonly IncomingCrmState[],
): Promise<Map<string, Record<string, unknown>>> {
  const merged = new Map<string, Record<string, unknown>>();
  const writable = incoming.filter((change) => WRITABLE.has(change.entity));
  if (writable.length === 0) return merged;
  const cached = await client.query<CachedRow>(CACHED, [
    writable.map((c) => c.entity),
    writable.map((c) => c.id),
  ]);
  const cachedOf = new Map(cached.rows.map((row) => [keyOf(row), row]));
  const candidates = writable
    .filter((c) => {
      const held = cachedOf.get(keyOf(c));
      return !held || (!held.deleted && Number(c.state.version ?? 0) > held.version);
    })
    .sort((a, b) => Number(a.state.version ?? 0) - Number(b.state.version ?? 0));
  if (candidates.length === 0) return merged;
  // Open writes are filed under the CRM id, or the bank's id until the CRM echoed the record.
  const recordIds = candidates.flatMap((c) =>
    typeof c.state.externalId === 'string'
      ? [
          [c.entity, c.id],
          [c.entity, `ext:${c.state.externalId}`],
        ]
      : [[c.entity, c.id]],
  );
  const open = (
    await client.query<OpenRow>(OPEN_WRITES, [recordIds.map(([e]) => e), recordIds.map(([, id]) => id)])
  ).rows;
  const noHistory = candidates.every((c) => !cachedOf.get(keyOf(c))?.crm_state);
  if (open.length === 0 && noHistory) {
    for (const change of candidates) merged.set(keyOf(change), change.state);
    return merged;
  }
  const owners = new Map(
    (await client.query<{ entity: string; field: string; owner: FieldOwner }>(OWNERSHIP)).rows.map((r) => [
      `${r.entity}.${r.field}`,
      r.owner,
    ]),
  );
  const openOf = new Map<string, OpenBankWrite[]>();
  for (const change of candidates) {
    const externalKey = `ext:${String(change.state.externalId)}`;
    openOf.set(
      keyOf(change),
      open
        .filter(
          (r) => r.entity === change.entity && (r.record_id === change.id || r.record_id === externalKey),
        )
        .map((r) => ({
          id: r.id,
          field: r.field,
          value: r.value,
          changedAt: r.changed_at.toISOString(),
          status: r.status,
        })),
    );
  }
  const previousOf = new Map(cached.rows.map((row) => [keyOf(row), row.crm_state]));
  const confirmed: string[] = [];
  const superseded: string[] = [];
  for (const change of candidates) {
    const key = keyOf(change);
    // The record's own modification time is the CRM-side source time; the channel's as a fallback.
    const crmChangedAt = typeof change.state.updatedAt === 'string' ? change.state.updatedAt : change.at;
    const openWrites = openOf.get(key) ?? [];
    const result = mergeCrmState({
      previousCrm: previousOf.get(key) ?? null,
      incoming: change.state,
      crmChangedAt,
      ours: change.ours,
      openWrites,
      ownerOf: (field) => owners.get(`${change.entity}.${field}`) ?? 'shared',
    });
    merged.set(key, result.state);
    previousOf.set(key, change.state);
    confirmed.push(...result.confirmed);
    superseded.push(...result.superseded);
    const closed = new Set([...result.confirmed, ...result.superseded]);
    const stillOpen = openWrites.filter((w) => !closed.has(w.id));
    if (result.conflicts.length > 0)
      await recordConflicts(
        client,
        { entity: change.entity, recordId: change.id, crmChangedAt },
        result.conflicts,
      );
    if (result.writeBacks.length > 0) {
      // A write-back restates the bank's value: its time is the bank's edit, or just after the
      // CRM's edit of a field the bank owns, so last-write-wins never undoes it.
      const changedAt = writeBackTime(result.conflicts, crmChangedAt);
      const fields = Object.fromEntries(result.writeBacks.map((w) => [w.field, w.value]));
      const { writeIds } = await recordBankWrite(client, {
        entity: change.entity as CrmWritableEntity,
        clientId: change.entity === 'company' ? change.id : String(change.state.companyId ?? change.id),
        crmId: change.id,
        externalId: typeof change.state.externalId === 'string' ? change.state.externalId : null,
        fields,
        changedAt,
      });
      result.writeBacks.forEach((w, i) => {
        stillOpen.push({
          id: writeIds[i] ?? '',
          field: w.field,
          value: w.value,
          changedAt,
          status: 'pending',
        });
      });
    }
    openOf.set(key, stillOpen);
  }
  if (confirmed.length > 0) await client.query(SET_STATUS, [confirmed, 'confirmed']);
  if (superseded.length > 0) await client.query(SET_STATUS, [superseded, 'superseded']);
  return merged;
}

function writeBackTime(conflicts: readonly FieldConflict[], crmChangedAt: string): string {
  const bankTimes = conflicts.flatMap((c) =>
    c.kept === 'bank' && c.bankChangedAt ? [Date.parse(c.bankChangedAt)] : [],
  );
  return new Date(Math.max(Date.parse(crmChangedAt) + 1, ...bankTimes)).toISOString();
}
