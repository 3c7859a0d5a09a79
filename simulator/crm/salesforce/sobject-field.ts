import type { CrmRecord } from '../../../contracts/crm/crm-records.ts';

/** Field types as describe names them; each decides how values are checked, compared and formatted. */
export type SfFieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'phone'
  | 'email'
  | 'picklist'
  | 'reference'
  | 'date'
  | 'datetime'
  | 'currency'
  | 'boolean';

export type SfValue = string | number | boolean | null;

/** Where a field's value lives in the neutral record, and how it crosses over. */
export type NeutralBinding =
  /** A top-level neutral field, e.g. `name`. */
  | { readonly kind: 'field'; readonly key: string }
  /** The bank's id for the record (`externalId` in the store). */
  | { readonly kind: 'externalId' }
  /** An entry of the company's `custom` map, by its neutral name. */
  | { readonly kind: 'custom'; readonly key: string }
  /** Read-only: system fields and formulas. */
  | { readonly kind: 'none' };

/**
 * One field of an sObject: what describe tells a client about it, and how it maps to the neutral
 * record. `read` formats the stored value the Salesforce way; `toNeutral` turns an already
 * type-checked incoming value back (null in, the neutral empty value out).
 */
export interface SfField {
  readonly name: string;
  readonly label: string;
  readonly type: SfFieldType;
  /** Maximum characters for text types, 0 for the rest. */
  readonly length: number;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  /** A create without this field fails with REQUIRED_FIELD_MISSING. */
  readonly required: boolean;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly custom: boolean;
  readonly picklist: readonly PicklistEntry[];
  /** Objects a reference field points to, e.g. ['Account']. */
  readonly referenceTo: readonly string[];
  /** The name SOQL uses to reach the parent (`Account` for AccountId, `Account__r` for Account__c). */
  readonly relationshipName: string | null;
  readonly neutral: NeutralBinding;
  /** Used on create when the client leaves the field out. */
  readonly defaultValue: SfValue;
  read(record: CrmRecord): SfValue;
  toNeutral(value: SfValue): unknown;
}

export interface PicklistEntry {
  readonly value: string;
  readonly neutral: string;
  readonly isDefault?: boolean;
}

export function isTextType(type: SfFieldType): boolean {
  return ['id', 'string', 'textarea', 'phone', 'email', 'picklist', 'reference'].includes(type);
}

/** Salesforce writes datetimes with milliseconds and a `+0000` offset rather than `Z`. */
export function formatDatetime(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+0000');
}
