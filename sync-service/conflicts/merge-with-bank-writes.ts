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

/**
 * Runs every incoming CRM state of a batch through `mergeCrmState` against the cache and the
 * bank's open writes, on the sequencer's transaction: confirms echoed writes, supersedes lost
 * ones, records conflicts with an operator task each, and queues write-backs in the outbox.
 * Returns the state the DBO should see per `entity:id`.
 */
export async function mergeWithBankWrites(
  client: pg.ClientBase,
  incoming: readonly IncomingCrmState[],
): Promise<Map<string, Record<string, unknown>>> {
  const merged = new Map<string, Record<string, unknown>>();
  const candidates = incoming.filter((change) => WRITABLE.has(change.entity));
  if (candidates.length === 0) return merged;
  const cached = await client.query<{
    entity: string;
    id: string;
    company_id: string;
    crm_state: Record<string, unknown> | null;
  }>(CACHED, [candidates.map((c) => c.entity), candidates.map((c) => c.id)]);
  const previousOf = new Map(cached.rows.map((row) => [`${row.entity}:${row.id}`, row.crm_state]));
  // Open writes are filed under the CRM id, or the bank's id until the CRM echoed the record.
  const recordIds = candidates.flatMap((c) => {
    const externalId = c.state.externalId;
    return typeof externalId === 'string'
      ? [
          [c.entity, c.id],
          [c.entity, `ext:${externalId}`],
        ]
      : [[c.entity, c.id]];
  });
  const open = await client.query<{
    id: string;
    entity: string;
    record_id: string;
    field: string;
    value: unknown;
    changed_at: Date;
    status: OpenBankWrite['status'];
  }>(OPEN_WRITES, [recordIds.map(([entity]) => entity), recordIds.map(([, id]) => id)]);
  if (open.rows.length === 0 && ![...previousOf.values()].some(Boolean)) {
    for (const change of candidates) merged.set(`${change.entity}:${change.id}`, change.state);
    return merged;
  }
  const owners = new Map(
    (await client.query<{ entity: string; field: string; owner: FieldOwner }>(OWNERSHIP)).rows.map((row) => [
      `${row.entity}.${row.field}`,
      row.owner,
    ]),
  );
  const confirmed: string[] = [];
  const superseded: string[] = [];
  for (const change of candidates) {
    const key = `${change.entity}:${change.id}`;
    const externalKey = `ext:${String(change.state.externalId)}`;
    const openWrites = open.rows
      .filter(
        (row) =>
          row.entity === change.entity && (row.record_id === change.id || row.record_id === externalKey),
      )
      .map((row) => ({
        id: row.id,
        field: row.field,
        value: row.value,
        changedAt: row.changed_at.toISOString(),
        status: row.status,
      }));
    // The record's own modification time is the CRM-side source time; the channel's as a fallback.
    const crmChangedAt = typeof change.state.updatedAt === 'string' ? change.state.updatedAt : change.at;
    const result = mergeCrmState({
      previousCrm: previousOf.get(key) ?? null,
      incoming: change.state,
      crmChangedAt,
      ours: change.ours,
      openWrites,
      ownerOf: (field) => owners.get(`${change.entity}.${field}`) ?? 'shared',
    });
    merged.set(key, result.state);
    confirmed.push(...result.confirmed);
    superseded.push(...result.superseded);
    if (result.conflicts.length > 0)
      await recordConflicts(
        client,
        { entity: change.entity, recordId: change.id, crmChangedAt: change.at },
        result.conflicts,
      );
    if (result.writeBacks.length > 0) {
      await recordBankWrite(client, {
        entity: change.entity as CrmWritableEntity,
        clientId: change.entity === 'company' ? change.id : String(change.state.companyId ?? change.id),
        crmId: change.id,
        externalId: typeof change.state.externalId === 'string' ? change.state.externalId : null,
        fields: Object.fromEntries(result.writeBacks.map((w) => [w.field, w.value])),
        // A write-back restates the bank's value: its time is the bank's edit, or just after the
        // CRM's edit of a field the bank owns, so last-write-wins never undoes it.
        changedAt: writeBackTime(result.conflicts, crmChangedAt),
      });
    }
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
