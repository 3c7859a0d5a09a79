import { ZodError } from 'zod';
import type { CrmChangeOrigin, CrmEntity, CrmRecord } from '../../../contracts/crm/crm-records.ts';
import { BitrixError } from './bitrix-error.ts';
import type { BitrixEntityMapping, MappingView } from './entity-mapping.ts';

/** Runs a store write, answering a neutral validation failure the way the portal does: HTTP 400. */
function translated<T>(mapping: BitrixEntityMapping<CrmEntity>, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const problems = error.issues.map((issue) => {
      const field = mapping.fieldNameOf(String(issue.path[0] ?? ''));
      return `Invalid value of ${field}: ${issue.message}.`;
    });
    throw new BitrixError('', problems.join('\n'));
  }
}

/** Creates a record from what a client wrote; the store validates it against the neutral schema. */
export function createRecord<E extends CrmEntity>(
  mapping: BitrixEntityMapping<E>,
  written: Record<string, unknown>,
  view: MappingView,
  origin: CrmChangeOrigin,
): CrmRecord<E> {
  const write = mapping.fromRow(written, undefined, view);
  return translated(mapping as BitrixEntityMapping<CrmEntity>, () =>
    view.store.create(mapping.entity, mapping.forCreate(write, view), origin, write.externalId ?? null),
  );
}

/**
 * Changes the fields a client wrote. The bank's id is bookkeeping in the store, set apart from the
 * fields, as a change (and event) of its own.
 */
export function updateRecord<E extends CrmEntity>(
  mapping: BitrixEntityMapping<E>,
  current: CrmRecord<E>,
  written: Record<string, unknown>,
  view: MappingView,
  origin: CrmChangeOrigin,
): CrmRecord<E> {
  const write = mapping.fromRow(written, current, view);
  const record = translated(mapping as BitrixEntityMapping<CrmEntity>, () =>
    view.store.update(mapping.entity, current.id, write.fields, origin),
  );
  if (typeof write.externalId === 'string' && write.externalId !== record.externalId) {
    view.store.setExternalId(mapping.entity, record.id, write.externalId, origin);
    return view.store.get(mapping.entity, record.id) ?? record;
  }
  return record;
}
