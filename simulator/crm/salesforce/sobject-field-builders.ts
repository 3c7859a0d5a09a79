import type { CrmRecord } from '../../../contracts/crm/crm-records.ts';
import { parseSalesforceId, salesforceId } from './salesforce-id.ts';
import {
  formatDatetime,
  type PicklistEntry,
  type SfField,
  type SfFieldType,
  type SfValue,
} from './sobject-field.ts';

/**
 * Small constructors for the field kinds the catalog needs, so each object's mapping reads as a
 * table of names, labels and neutral keys.
 */

type FieldInit = Partial<SfField> & Pick<SfField, 'name' | 'label' | 'type' | 'read'>;

const neutralOf = (record: CrmRecord, key: string): unknown =>
  (record as unknown as Record<string, unknown>)[key];

function field(init: FieldInit): SfField {
  const custom = init.name.endsWith('__c');
  return {
    length: 0,
    nillable: true,
    createable: false,
    updateable: false,
    required: false,
    externalId: false,
    unique: false,
    custom,
    picklist: [],
    referenceTo: [],
    relationshipName: null,
    neutral: { kind: 'none' },
    defaultValue: null,
    toNeutral: (value) => value,
    ...init,
  };
}

interface WritableOptions {
  readonly required?: boolean;
}

export function idField(keyPrefix: string): SfField {
  return field({
    name: 'Id',
    label: `Record ID`,
    type: 'id',
    length: 18,
    nillable: false,
    read: (record) => salesforceId(keyPrefix, Number(record.id)),
  });
}

/** Text kept as is; an empty neutral string (the store's "no value" for required strings) reads as null. */
export function textField(
  name: string,
  label: string,
  key: string,
  options: WritableOptions & { type?: SfFieldType; length?: number; emptyAs?: '' } = {},
): SfField {
  return field({
    name,
    label,
    type: options.type ?? 'string',
    length: options.length ?? 255,
    nillable: !options.required,
    createable: true,
    updateable: true,
    required: options.required ?? false,
    neutral: { kind: 'field', key },
    read: (record) => (neutralOf(record, key) as string | null) || null,
    toNeutral: (value) => (value === null ? (options.emptyAs ?? null) : value),
  });
}

/** The bank's id for the record, the field clients upsert by. */
export function externalIdField(name: string, label: string): SfField {
  return field({
    name,
    label,
    type: 'string',
    length: 64,
    createable: true,
    updateable: true,
    externalId: true,
    unique: true,
    neutral: { kind: 'externalId' },
    read: (record) => record.externalId,
  });
}

export function picklistField(
  name: string,
  label: string,
  key: string,
  entries: readonly PicklistEntry[],
  options: WritableOptions = {},
): SfField {
  const fallback = entries.find((entry) => entry.isDefault)?.value ?? null;
  return field({
    name,
    label,
    type: 'picklist',
    length: 255,
    nillable: fallback === null && !options.required,
    createable: true,
    updateable: true,
    required: (options.required ?? false) && fallback === null,
    picklist: entries,
    neutral: { kind: 'field', key },
    defaultValue: fallback,
    read: (record) => entries.find((entry) => entry.neutral === neutralOf(record, key))?.value ?? null,
    toNeutral: (value) => entries.find((entry) => entry.value === value)?.neutral ?? null,
  });
}

export function referenceField(
  name: string,
  label: string,
  key: string,
  target: { readonly object: string; readonly keyPrefix: string; readonly relationshipName: string },
  options: WritableOptions = {},
): SfField {
  return field({
    name,
    label,
    type: 'reference',
    length: 18,
    nillable: !options.required,
    createable: true,
    updateable: true,
    required: options.required ?? false,
    referenceTo: [target.object],
    relationshipName: target.relationshipName,
    neutral: { kind: 'field', key },
    read: (record) => {
      const id = neutralOf(record, key) as string | null;
      return id === null ? null : salesforceId(target.keyPrefix, Number(id));
    },
    toNeutral: (value) => {
      if (value === null) return null;
      const parsed = parseSalesforceId(String(value));
      return parsed.kind === 'record' ? String(parsed.number) : null;
    },
  });
}

export function dateField(name: string, label: string, key: string, options: WritableOptions = {}): SfField {
  return field({
    name,
    label,
    type: 'date',
    nillable: !options.required,
    createable: true,
    updateable: true,
    required: options.required ?? false,
    neutral: { kind: 'field', key },
    read: (record) => neutralOf(record, key) as string | null,
  });
}

/** A list of values kept in one text field, `;`-separated as multi-select values are. */
export function listField(name: string, label: string, key: string): SfField {
  return field({
    name,
    label,
    type: 'textarea',
    length: 32_768,
    createable: true,
    updateable: true,
    neutral: { kind: 'field', key },
    read: (record) => {
      const list = neutralOf(record, key) as string[];
      return list.length === 0 ? null : list.join(';');
    },
    toNeutral: (value) =>
      value === null
        ? []
        : String(value)
            .split(';')
            .map((part) => part.trim())
            .filter((part) => part !== ''),
  });
}

/** A number kept in the company's `custom` map under its neutral name. */
export function customCurrencyField(name: string, label: string, key: string): SfField {
  return field({
    name,
    label,
    type: 'currency',
    createable: true,
    updateable: true,
    neutral: { kind: 'custom', key },
    read: (record) => {
      const value = (neutralOf(record, 'custom') as Record<string, unknown> | undefined)?.[key];
      return typeof value === 'number' ? value : null;
    },
  });
}

/** Read-only: system fields and formulas. */
export function readOnlyField(
  name: string,
  label: string,
  type: SfFieldType,
  read: (record: CrmRecord) => SfValue,
  length = 0,
): SfField {
  return field({ name, label, type, length, read, nillable: type !== 'boolean' });
}

export function systemFields(): SfField[] {
  return [
    readOnlyField('IsDeleted', 'Deleted', 'boolean', () => false),
    readOnlyField('CreatedDate', 'Created Date', 'datetime', (record) => formatDatetime(record.createdAt)),
    readOnlyField('LastModifiedDate', 'Last Modified Date', 'datetime', (record) =>
      formatDatetime(record.updatedAt),
    ),
    readOnlyField('SystemModstamp', 'System Modstamp', 'datetime', (record) =>
      formatDatetime(record.updatedAt),
    ),
  ];
}
