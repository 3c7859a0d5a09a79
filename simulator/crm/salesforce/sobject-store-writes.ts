import { ZodError } from 'zod';
import type {
  CrmChangeOrigin,
  CrmEntity,
  CrmFieldsByEntity,
  CrmRecord,
} from '../../../contracts/crm/crm-records.ts';
import type { CrmStore } from '../crm-store.ts';
import { SalesforceApiError } from './salesforce-api-error.ts';
import type { SObjectSpec } from './sobject-catalog.ts';
import { readWriteBody } from './sobject-write.ts';

/**
 * Creates, updates and deletes through the store on behalf of the REST API: the body is checked
 * first, the bank's id kept unique, and the store's own validation (INN format and the like)
 * answered as a failed validation rule, naming the Salesforce field.
 */
export class SObjectWrites {
  private readonly store: CrmStore;

  constructor(store: CrmStore) {
    this.store = store;
  }

  create(spec: SObjectSpec, body: unknown, origin: CrmChangeOrigin, externalId?: string): CrmRecord {
    const write = readWriteBody(spec, body, { mode: 'create', exists: this.exists });
    const bankId = externalId ?? write.externalId ?? null;
    if (bankId !== null) this.requireUniqueExternalId(spec, bankId, undefined);
    return this.validated(spec, () =>
      this.store.create(spec.entity, write.fields as unknown as CrmFieldsByEntity[CrmEntity], origin, bankId),
    );
  }

  update(spec: SObjectSpec, current: CrmRecord, body: unknown, origin: CrmChangeOrigin): CrmRecord {
    const write = readWriteBody(spec, body, { mode: 'update', current, exists: this.exists });
    if (write.externalId === null && current.externalId !== null) {
      throw new SalesforceApiError(
        400,
        'FIELD_INTEGRITY_EXCEPTION',
        `${spec.externalIdField}: the bank's id cannot be cleared once set`,
        [spec.externalIdField],
      );
    }
    const bankId = write.externalId ?? undefined;
    if (bankId !== undefined && bankId !== current.externalId)
      this.requireUniqueExternalId(spec, bankId, current.id);
    const updated = this.validated(spec, () =>
      this.store.update(spec.entity, current.id, write.fields, origin),
    );
    if (bankId === undefined || bankId === current.externalId) return updated;
    // The store keeps the bank's id beside the fields; setting it is a change of its own.
    this.store.setExternalId(spec.entity, current.id, bankId, origin);
    return this.store.get(spec.entity, current.id) ?? updated;
  }

  remove(spec: SObjectSpec, current: CrmRecord, origin: CrmChangeOrigin): void {
    this.store.remove(spec.entity, current.id, origin);
  }

  private readonly exists = (target: SObjectSpec, neutralId: string): boolean =>
    this.store.get(target.entity, neutralId) !== undefined;

  private requireUniqueExternalId(spec: SObjectSpec, externalId: string, ownId: string | undefined): void {
    const holder = this.store.findByExternalId(spec.entity, externalId);
    if (holder && holder.id !== ownId) {
      const holderId = spec.fields[0]?.read(holder);
      throw new SalesforceApiError(
        400,
        'DUPLICATE_VALUE',
        `duplicate value found: ${spec.externalIdField} duplicates value on record with id: ${holderId}`,
        [spec.externalIdField],
      );
    }
  }

  private validated(spec: SObjectSpec, write: () => CrmRecord): CrmRecord {
    try {
      return write();
    } catch (error) {
      if (!(error instanceof ZodError)) throw error;
      const issue = error.issues[0];
      const key = String(issue?.path[0] ?? '');
      const field = spec.fields.find((candidate) => {
        const binding = candidate.neutral;
        return (binding.kind === 'field' || binding.kind === 'custom') && binding.key === key;
      });
      const name = field?.name ?? key;
      throw new SalesforceApiError(
        400,
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        `${field?.label ?? key}: ${issue?.message ?? 'invalid value'}`,
        [name],
      );
    }
  }
}
