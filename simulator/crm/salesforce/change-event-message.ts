import { createHash } from 'node:crypto';
import type { CrmChange, CrmRecord } from '../../../contracts/crm/crm-records.ts';
import { salesforceId } from './salesforce-id.ts';
import { AUTOMATED_PROCESS_USER, userIdOf } from './salesforce-org.ts';
import type { SObjectSpec } from './sobject-catalog.ts';
import type { SfField, SfValue } from './sobject-field.ts';

/**
 * Change Data Capture event messages in Salesforce's JSON shape: `{schema, payload, event}`, with
 * `payload.ChangeEventHeader` and the changed fields by their Salesforce names. Contact's name
 * parts travel nested under the compound `Name` field, as Salesforce sends compound fields.
 */

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';
export type GapType = 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE' | 'GAP_OVERFLOW';

export interface ChangeEventHeader {
  readonly entityName: string;
  readonly recordIds: readonly string[];
  readonly changeType: ChangeType | GapType;
  readonly changeOrigin: string;
  readonly transactionKey: string;
  readonly sequenceNumber: number;
  readonly commitTimestamp: number;
  readonly commitNumber: number;
  readonly commitUser: string;
  readonly nulledFields: readonly string[];
  readonly diffFields: readonly string[];
  readonly changedFields: readonly string[];
}

export interface ChangeEventMessage {
  readonly schema: string;
  readonly payload: { readonly ChangeEventHeader: ChangeEventHeader } & Record<string, unknown>;
  readonly event: { readonly replayId: number };
}

/** Fields Salesforce sends as one compound field, by object. */
export const COMPOUND_FIELDS: Record<string, { readonly name: string; readonly parts: readonly string[] }> = {
  Contact: { name: 'Name', parts: ['FirstName', 'MiddleName', 'LastName'] },
};
/** Left out of change events: the id travels in recordIds, the rest never changes through a write. */
export const NOT_IN_EVENTS: ReadonlySet<string> = new Set(['Id', 'IsDeleted', 'SystemModstamp']);

export function channelOf(spec: SObjectSpec): string {
  return `/data/${spec.custom ? `${spec.name.slice(0, -3)}__ChangeEvent` : `${spec.name}ChangeEvent`}`;
}

/** A stable id of the event schema of an object, as the `schema` field carries it. */
export function schemaIdOf(spec: SObjectSpec): string {
  return createHash('sha256')
    .update(`${channelOf(spec)}:${spec.fields.map((field) => field.name).join(',')}`)
    .digest('base64url')
    .slice(0, 22);
}

/** A transaction key in Salesforce's UUID-like form, derived from the commit number. */
export function transactionKeyOf(commitNumber: number): string {
  const hex = createHash('sha256').update(String(commitNumber)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function changeOriginOf(change: CrmChange, apiVersion: string): string {
  if (change.origin.channel !== 'api') return '';
  const client = change.origin.client;
  return `com/salesforce/api/rest/${apiVersion}${client ? `;client=${client}` : ''}`;
}

/** The Salesforce fields an emitted change touched: the mapped neutral fields, then LastModifiedDate. */
function changedFieldsOf(spec: SObjectSpec, change: CrmChange): SfField[] {
  const touched = spec.fields.filter((field) => {
    const binding = field.neutral;
    if (binding.kind === 'field') return change.changedFields.includes(binding.key);
    if (binding.kind === 'custom') return change.changedFields.includes('custom');
    return false;
  });
  const modified = spec.fields.find((field) => field.name === 'LastModifiedDate');
  return modified ? [...touched, modified] : touched;
}

/** Puts field values into a payload, nesting compound parts and writing datetimes as ISO `Z`. */
function putFields(
  spec: SObjectSpec,
  record: CrmRecord,
  fields: readonly SfField[],
  into: Record<string, unknown>,
): string[] {
  const compound = COMPOUND_FIELDS[spec.name];
  const names: string[] = [];
  for (const field of fields) {
    if (NOT_IN_EVENTS.has(field.name)) continue;
    let value: SfValue = field.read(record);
    if (field.type === 'datetime' && typeof value === 'string')
      value = new Date(value.replace('+0000', 'Z')).toISOString();
    if (compound?.parts.includes(field.name)) {
      const nested = (into[compound.name] ?? {}) as Record<string, SfValue>;
      nested[field.name] = value;
      into[compound.name] = nested;
      names.push(`${compound.name}.${field.name}`);
    } else if (field.name !== compound?.name) {
      into[field.name] = value;
      names.push(field.name);
    }
  }
  return names;
}

export interface CommitInfo {
  readonly replayId: number;
  readonly commitNumber: number;
  readonly apiVersion: string;
}

/** The change event for one emitted store change; `record` is null after a delete. */
export function changeEventOf(
  spec: SObjectSpec,
  change: CrmChange,
  record: CrmRecord | null,
  commit: CommitInfo,
): ChangeEventMessage {
  const changeType: ChangeType =
    change.operation === 'create' ? 'CREATE' : change.operation === 'update' ? 'UPDATE' : 'DELETE';
  const fields: Record<string, unknown> = {};
  let changedFields: string[] = [];
  let nulledFields: string[] = [];
  if (record && changeType === 'CREATE') {
    putFields(spec, record, spec.fields, fields);
    fields.CreatedById = userIdOf(change.origin.client ?? change.origin.channel);
    fields.LastModifiedById = fields.CreatedById;
  } else if (record && changeType === 'UPDATE') {
    const touched = changedFieldsOf(spec, change);
    changedFields = putFields(spec, record, touched, fields);
    nulledFields = changedFields.filter((name) => {
      const [outer = '', inner] = name.split('.');
      const value = inner === undefined ? fields[outer] : (fields[outer] as Record<string, unknown>)[inner];
      return value === null;
    });
  }
  const header: ChangeEventHeader = {
    entityName: spec.name,
    recordIds: [salesforceId(spec.keyPrefix, Number(change.id))],
    changeType,
    changeOrigin: changeOriginOf(change, commit.apiVersion),
    transactionKey: transactionKeyOf(commit.commitNumber),
    sequenceNumber: 1,
    commitTimestamp: Date.parse(change.at),
    commitNumber: commit.commitNumber,
    commitUser: userIdOf(change.origin.client ?? change.origin.channel),
    nulledFields,
    diffFields: [],
    changedFields,
  };
  return {
    schema: schemaIdOf(spec),
    payload: { ChangeEventHeader: header, ...fields },
    event: { replayId: commit.replayId },
  };
}

/** A gap event: the header only, as Salesforce sends when it could not produce the change event itself. */
export function gapEventOf(
  spec: SObjectSpec,
  changeType: GapType,
  recordIds: readonly string[],
  at: number,
  commit: CommitInfo,
): ChangeEventMessage {
  const header: ChangeEventHeader = {
    entityName: spec.name,
    // An overflow event names no records: only the object whose transaction overflowed.
    recordIds: changeType === 'GAP_OVERFLOW' ? [] : recordIds,
    changeType,
    changeOrigin: '',
    transactionKey: transactionKeyOf(commit.commitNumber),
    sequenceNumber: 1,
    commitTimestamp: at,
    commitNumber: commit.commitNumber,
    commitUser: AUTOMATED_PROCESS_USER,
    nulledFields: [],
    diffFields: [],
    changedFields: [],
  };
  return {
    schema: schemaIdOf(spec),
    payload: { ChangeEventHeader: header },
    event: { replayId: commit.replayId },
  };
}
