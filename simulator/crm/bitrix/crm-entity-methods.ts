import type { CrmEntity, CrmRecord } from '../../../contracts/crm/crm-records.ts';
import { bitrixErrors } from './bitrix-error.ts';
import type { BitrixFieldKind } from './bitrix-filter.ts';
import { type ListShape, listPage } from './bitrix-list.ts';
import { type BitrixMethod, type BitrixParams, idParam, objectParam } from './bitrix-method.ts';
import { type BitrixEntityMapping, describeFields, kindOfType, type MappingView } from './entity-mapping.ts';
import { createRecord, updateRecord } from './entity-writes.ts';
import { USER_FIELD_PREFIX } from './user-field-names.ts';

function shapeOf<E extends CrmEntity>(mapping: BitrixEntityMapping<E>, view: MappingView): ListShape {
  const fields = mapping.fields(view);
  const kindOf = (field: string): BitrixFieldKind | undefined => {
    const info = fields[field];
    if (info) return kindOfType(info.type);
    return field.startsWith(USER_FIELD_PREFIX) ? 'text' : undefined;
  };
  return {
    kindOf,
    starFields: Object.entries(fields)
      .filter(([name, info]) => !info.isMultiple && !info.isDynamic && !name.startsWith(USER_FIELD_PREFIX))
      .map(([name]) => name),
    isUserField: (field) => field.startsWith(USER_FIELD_PREFIX),
    idField: 'ID',
    defaultSelect: ['*', 'UF_*'],
  };
}

/** Narrows a list to one record when the filter names it exactly, instead of scanning the CRM. */
function candidates<E extends CrmEntity>(
  entity: E,
  params: BitrixParams,
  view: MappingView,
): Iterable<CrmRecord<E>> {
  const filter = objectParam(params, 'filter');
  const id = filter.ID ?? filter['=ID'];
  if (typeof id === 'string' || typeof id === 'number') {
    const record = view.store.get(entity, String(id));
    return record ? [record] : [];
  }
  const bankId = filter.UF_CRM_BANK_ID ?? filter['=UF_CRM_BANK_ID'];
  if ((entity === 'company' || entity === 'contact') && typeof bankId === 'string') {
    const record = view.store.findByExternalId(entity, bankId);
    return record ? [record] : [];
  }
  return view.store.all(entity);
}

function* rowsOf<E extends CrmEntity>(
  records: Iterable<CrmRecord<E>>,
  mapping: BitrixEntityMapping<E>,
  view: MappingView,
) {
  for (const record of records) yield mapping.toRow(record, view);
}

/**
 * `<prefix>.fields|get|list|add|update|delete` of the classic CRM methods (`crm.company.*`,
 * `crm.contact.*`, `crm.activity.*`): upper-case fields, `add` answers the new id, `update` and
 * `delete` answer `true`, a missing record is HTTP 400 "Not found".
 */
export function crmEntityMethods<E extends CrmEntity>(
  prefix: string,
  mapping: BitrixEntityMapping<E>,
  view: MappingView,
): Array<[string, BitrixMethod]> {
  const existing = (params: BitrixParams): CrmRecord<E> => {
    const record = view.store.get(mapping.entity, idParam(params));
    if (!record) throw bitrixErrors.notFound();
    return record;
  };
  const fieldsParam = (params: BitrixParams): Record<string, unknown> => {
    const fields = objectParam(params, 'fields');
    if (Object.keys(fields).length === 0)
      throw bitrixErrors.invalid('The parameter fields is not defined or invalid.');
    return fields;
  };
  return [
    [`${prefix}.fields`, () => ({ result: describeFields(mapping.fields(view)) })],
    [`${prefix}.get`, (params) => ({ result: mapping.toRow(existing(params), view) })],
    [
      `${prefix}.list`,
      (params) =>
        listPage(
          rowsOf(candidates(mapping.entity, params, view), mapping, view),
          params,
          shapeOf(mapping, view),
        ),
    ],
    [
      `${prefix}.add`,
      (params, context) => ({
        result: Number(createRecord(mapping, fieldsParam(params), view, context.origin).id),
      }),
    ],
    [
      `${prefix}.update`,
      (params, context) => {
        updateRecord(mapping, existing(params), fieldsParam(params), view, context.origin);
        return { result: true };
      },
    ],
    [
      `${prefix}.delete`,
      (params, context) => {
        view.store.remove(mapping.entity, existing(params).id, context.origin);
        return { result: true };
      },
    ],
  ];
}
