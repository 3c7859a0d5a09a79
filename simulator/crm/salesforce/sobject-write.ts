import type { CrmRecord } from '../../../contracts/crm/crm-records.ts';
import { SalesforceApiError } from './salesforce-api-error.ts';
import { parseSalesforceId } from './salesforce-id.ts';
import { fieldNamed, type SObjectSpec, sobjectOfKeyPrefix } from './sobject-catalog.ts';
import { isTextType, type SfField, type SfValue } from './sobject-field.ts';

/** What a create, update or upsert body means for the store. */
export interface NeutralWrite {
  /** Neutral fields to set (for a create: every field, defaults filled in). */
  readonly fields: Record<string, unknown>;
  /** The bank's id, when the body sets the external-id field. */
  readonly externalId: string | null | undefined;
}

export interface WriteContext {
  readonly mode: 'create' | 'update';
  /** The record being updated: its `custom` map is merged, not replaced. */
  readonly current?: CrmRecord;
  /** Whether a referenced record exists, so a dangling lookup is refused as Salesforce refuses it. */
  readonly exists: (spec: SObjectSpec, neutralId: string) => boolean;
}

/**
 * Checks a JSON body the way Salesforce does — unknown fields, read-only fields, types, lengths,
 * restricted picklists, lookups, required fields — and turns it into neutral fields. Nothing is
 * written when any check fails.
 */
export function readWriteBody(spec: SObjectSpec, body: unknown, context: WriteContext): NeutralWrite {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SalesforceApiError(
      400,
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${spec.name} from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE_STRING'} token`,
    );
  }
  const given = new Map<SfField, SfValue>();
  const readOnly: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (name === 'attributes') continue;
    const field = fieldNamed(spec, name);
    if (!field) {
      throw new SalesforceApiError(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on sobject of type ${spec.name}`,
      );
    }
    const writable = context.mode === 'create' ? field.createable : field.updateable;
    if (!writable) readOnly.push(field.name);
    else given.set(field, checkValue(field, value, context));
  }
  if (readOnly.length > 0) {
    throw new SalesforceApiError(
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      readOnly,
    );
  }
  if (context.mode === 'create') {
    for (const field of spec.fields) {
      if (field.createable && !given.has(field) && field.defaultValue !== null)
        given.set(field, field.defaultValue);
    }
  }
  const missing = spec.fields
    .filter((field) => field.required && (context.mode === 'create' || given.has(field)))
    .filter((field) => (given.get(field) ?? null) === null)
    .map((field) => field.name);
  if (missing.length > 0) {
    throw new SalesforceApiError(
      400,
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.join(', ')}]`,
      missing,
    );
  }
  return toNeutral(spec, given, context);
}

function toNeutral(spec: SObjectSpec, given: Map<SfField, SfValue>, context: WriteContext): NeutralWrite {
  const fields: Record<string, unknown> = {};
  if (context.mode === 'create') {
    for (const field of spec.fields) {
      if (field.neutral.kind === 'field') fields[field.neutral.key] = field.toNeutral(null);
    }
    if (spec.entity === 'company') fields.custom = {};
  }
  let externalId: string | null | undefined;
  for (const [field, value] of given) {
    const binding = field.neutral;
    if (binding.kind === 'field') fields[binding.key] = field.toNeutral(value);
    else if (binding.kind === 'externalId') externalId = value === null ? null : String(value);
    else if (binding.kind === 'custom') {
      const base = (fields.custom ??
        (context.current as { custom?: object } | undefined)?.custom ??
        {}) as object;
      fields.custom = { ...base, [binding.key]: value };
    }
  }
  return { fields, externalId };
}

function checkValue(field: SfField, value: unknown, context: WriteContext): SfValue {
  if (value === null) return null;
  if (isTextType(field.type)) {
    if (typeof value === 'object') throw cannotDeserialize(field, 'START_OBJECT', '');
    const text = String(value);
    if (field.type === 'picklist' && !field.picklist.some((entry) => entry.value === text)) {
      throw new SalesforceApiError(
        400,
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        `${field.label}: bad value for restricted picklist field: ${text}`,
        [field.name],
      );
    }
    if (field.type === 'reference') checkReference(field, text, context);
    if (text.length > field.length) {
      throw new SalesforceApiError(
        400,
        'STRING_TOO_LONG',
        `${field.label}: data value too large: ${text} (max length=${field.length})`,
        [field.name],
      );
    }
    return text;
  }
  if (field.type === 'date') {
    if (typeof value !== 'string' || !isCalendarDate(value))
      throw cannotDeserialize(field, 'VALUE_STRING', value);
    return value;
  }
  if (field.type === 'currency') {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number))
      throw cannotDeserialize(field, 'VALUE_STRING', value);
    return number;
  }
  if (typeof value !== 'boolean') throw cannotDeserialize(field, 'VALUE_STRING', value);
  return value;
}

function checkReference(field: SfField, text: string, context: WriteContext): void {
  const parsed = parseSalesforceId(text);
  if (parsed.kind === 'malformed') {
    throw new SalesforceApiError(400, 'MALFORMED_ID', `${field.label}: id value of incorrect type: ${text}`, [
      field.name,
    ]);
  }
  const target = sobjectOfKeyPrefix(parsed.keyPrefix);
  if (!target || !field.referenceTo.includes(target.name)) {
    throw new SalesforceApiError(
      400,
      'FIELD_INTEGRITY_EXCEPTION',
      `${field.label}: id value of incorrect type: ${text}`,
      [field.name],
    );
  }
  if (parsed.kind !== 'record' || !context.exists(target, String(parsed.number))) {
    throw new SalesforceApiError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [
      field.name,
    ]);
  }
}

function cannotDeserialize(field: SfField, token: string, value: unknown): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${field.type} from ${token} value ${String(value)} or request may be missing a required field`,
  );
}

function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value)
  );
}
