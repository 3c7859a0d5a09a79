import type { CrmRecord } from '../../../contracts/crm/crm-records.ts';
import type { CrmStore } from '../crm-store.ts';
import { resourceNotFound, SalesforceApiError } from './salesforce-api-error.ts';
import { parseSalesforceId } from './salesforce-id.ts';
import { fieldNamed, type SObjectSpec, sobjectNamed } from './sobject-catalog.ts';

/**
 * Finds what a REST URL names — an sObject, a record by id, a record by external id — and fails
 * the way Salesforce does: an unparsable id reads as an unknown external-id field (404), an id of
 * another object is MALFORMED_ID (400), a well-formed id without a record is NOT_FOUND.
 */
export class SObjectLookup {
  private readonly store: CrmStore;

  constructor(store: CrmStore) {
    this.store = store;
  }

  sobject(name: string): SObjectSpec {
    const spec = sobjectNamed(name);
    if (!spec) throw resourceNotFound();
    return spec;
  }

  byId(spec: SObjectSpec, raw: string): CrmRecord {
    const parsed = parseSalesforceId(raw);
    if (parsed.kind === 'malformed') throw noSuchExternalIdField(raw);
    if (parsed.keyPrefix !== spec.keyPrefix) {
      throw new SalesforceApiError(
        400,
        'MALFORMED_ID',
        `${spec.label} ID: id value of incorrect type: ${raw}`,
      );
    }
    const record = parsed.kind === 'record' ? this.store.get(spec.entity, String(parsed.number)) : undefined;
    if (!record) throw resourceNotFound();
    return record;
  }

  /** The canonical name of a field a client may look records up by: an external-id field, or Id. */
  externalIdField(spec: SObjectSpec, name: string): string {
    const field = fieldNamed(spec, name);
    if (!field || (!field.externalId && field.name !== 'Id')) throw noSuchExternalIdField(name);
    return field.name;
  }

  byExternalId(spec: SObjectSpec, field: string, value: string): CrmRecord | undefined {
    if (field === 'Id') return this.byId(spec, value);
    const record = this.store.findByExternalId(spec.entity, value);
    // The store's index may still hold a value the record has since moved away from.
    return record?.externalId === value ? record : undefined;
  }
}

function noSuchExternalIdField(name: string): SalesforceApiError {
  return new SalesforceApiError(
    404,
    'NOT_FOUND',
    `Provided external ID field does not exist or is not accessible: ${name}`,
  );
}
