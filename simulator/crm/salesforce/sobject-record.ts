import type { CrmRecord } from '../../../contracts/crm/crm-records.ts';
import type { SObjectSpec } from './sobject-catalog.ts';
import type { SfField, SfValue } from './sobject-field.ts';

/** `attributes` every record in a REST answer carries: its type and its own URL. */
export interface SfAttributes {
  readonly type: string;
  readonly url: string;
}

export type SfRecord = { attributes: SfAttributes } & { [field: string]: SfValue | SfAttributes | SfRecord };

export function recordUrl(apiBase: string, spec: SObjectSpec, id18: string): string {
  return `${apiBase}/sobjects/${spec.name}/${id18}`;
}

export function attributesOf(apiBase: string, spec: SObjectSpec, record: CrmRecord): SfAttributes {
  const id = spec.fields[0]?.read(record) as string;
  return { type: spec.name, url: recordUrl(apiBase, spec, id) };
}

/**
 * A neutral record in Salesforce's shape: `attributes`, then the fields asked for (all of them by
 * default, in describe order, as a GET of the record answers).
 */
export function toSalesforceRecord(
  apiBase: string,
  spec: SObjectSpec,
  record: CrmRecord,
  fields: readonly SfField[] = spec.fields,
): SfRecord {
  const shaped: SfRecord = { attributes: attributesOf(apiBase, spec, record) };
  for (const field of fields) shaped[field.name] = field.read(record);
  return shaped;
}
