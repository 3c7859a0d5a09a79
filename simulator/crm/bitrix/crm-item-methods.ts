import type { CrmRecord } from '../../../contracts/crm/crm-records.ts';
import { AUTHORITY_ENTITY_TYPE_ID, authorityMapping } from './authority-mapping.ts';
import { BitrixError } from './bitrix-error.ts';
import { type ListShape, listPage } from './bitrix-list.ts';
import { type BitrixMethod, type BitrixParams, idParam, objectParam, paramOf } from './bitrix-method.ts';
import { describeFields, kindOfType, type MappingView } from './entity-mapping.ts';
import { createRecord, updateRecord } from './entity-writes.ts';

const fields = authorityMapping.fields;

function requireAuthorityType(params: BitrixParams): void {
  if (Number(paramOf(params, 'entityTypeId')) !== AUTHORITY_ENTITY_TYPE_ID) {
    // The simulated portal has one smart process; classic entities are served by crm.company/contact.*.
    throw new BitrixError('NOT_FOUND', 'Смарт-процесс не найден');
  }
}

function listShape(view: MappingView): ListShape {
  const info = fields(view);
  return {
    kindOf: (field) => (info[field] ? kindOfType(info[field].type) : undefined),
    starFields: Object.keys(info),
    isUserField: (field) => field.startsWith('ufCrm'),
    idField: 'id',
    defaultSelect: ['*'],
  };
}

/**
 * `crm.item.*` for the authorities smart process (entityTypeId 1036): camelCase fields, answers
 * wrapped as `{ item }` / `{ items }`, integer ids, errors with the code `NOT_FOUND`.
 */
export function crmItemMethods(view: MappingView): Array<[string, BitrixMethod]> {
  const existing = (params: BitrixParams): CrmRecord<'authority'> => {
    requireAuthorityType(params);
    const record = view.store.get('authority', idParam(params));
    if (!record) throw new BitrixError('NOT_FOUND', 'Элемент не найден');
    return record;
  };
  const item = (record: CrmRecord<'authority'>) => ({
    result: { item: authorityMapping.toRow(record, view) },
  });
  return [
    [
      'crm.item.fields',
      (params) => {
        requireAuthorityType(params);
        return { result: { fields: describeFields(fields(view)) } };
      },
    ],
    ['crm.item.get', (params) => item(existing(params))],
    [
      'crm.item.list',
      (params) => {
        requireAuthorityType(params);
        const rows = [...view.store.all('authority')].map((record) => authorityMapping.toRow(record, view));
        const page = listPage(rows, params, listShape(view));
        return { ...page, result: { items: page.result } };
      },
    ],
    [
      'crm.item.add',
      (params, context) => {
        requireAuthorityType(params);
        return item(createRecord(authorityMapping, objectParam(params, 'fields'), view, context.origin));
      },
    ],
    [
      'crm.item.update',
      (params, context) =>
        item(
          updateRecord(
            authorityMapping,
            existing(params),
            objectParam(params, 'fields'),
            view,
            context.origin,
          ),
        ),
    ],
    [
      'crm.item.delete',
      (params, context) => {
        view.store.remove('authority', existing(params).id, context.origin);
        return { result: [] };
      },
    ],
  ];
}
