import { compareRows, compileFilter } from './bitrix-filter.ts';
import { type BitrixMethod, idParam, objectParam } from './bitrix-method.ts';
import type { UserFieldEntity, UserFieldRegistry } from './user-field-registry.ts';

const KINDS = { ID: 'number', SORT: 'number' } as const;

/**
 * `crm.company.userfield.*` and `crm.contact.userfield.*`: define custom `UF_CRM_*` fields.
 * `add` answers the new field's id; `list` is not paged.
 */
export function userFieldMethods(registry: UserFieldRegistry): Array<[string, BitrixMethod]> {
  return (['company', 'contact'] as const satisfies readonly UserFieldEntity[]).flatMap(
    (entity): Array<[string, BitrixMethod]> => {
      const prefix = `crm.${entity}.userfield`;
      return [
        [
          `${prefix}.add`,
          (params) => ({ result: Number(registry.add(entity, objectParam(params, 'fields')).ID) }),
        ],
        [`${prefix}.get`, (params) => ({ result: registry.get(entity, idParam(params)) })],
        [
          `${prefix}.list`,
          (params) => {
            const kindOf = (field: string) => (field in KINDS ? KINDS[field as keyof typeof KINDS] : 'text');
            const matches = compileFilter(objectParam(params, 'filter'), kindOf);
            const rows = registry.list(entity).map((definition) => ({ ...definition }));
            return { result: rows.filter(matches).sort(compareRows(objectParam(params, 'order'), kindOf)) };
          },
        ],
        [
          `${prefix}.update`,
          (params) => {
            registry.update(entity, idParam(params), objectParam(params, 'fields'));
            return { result: true };
          },
        ],
        [
          `${prefix}.delete`,
          (params) => {
            registry.remove(entity, idParam(params));
            return { result: true };
          },
        ],
      ];
    },
  );
}
