import { z } from 'zod';
import { AUTHORITY_ENTITY_TYPE_ID } from '../../contracts/crm/bitrix-authority-type.ts';
import {
  type BitrixEntityMapping,
  datetime,
  neutralRecord,
  portalDate,
  text,
} from './bitrix-entity-mapping.ts';

export { AUTHORITY_ENTITY_TYPE_ID };

const row = z.object({
  id: z.number().int(),
  companyId: z.number().int(),
  contactId: z.number().int(),
  begindate: portalDate,
  closedate: portalDate.nullable(),
  ufCrm7Kind: z.enum(['sign-payments', 'view-accounts']),
  ufCrm7Accounts: z.array(z.string()),
  ufCrm7BankId: text,
  createdTime: datetime,
  updatedTime: datetime,
});

const itemsSchema = z.object({ items: z.array(z.unknown()) });
const itemSchema = z.object({ item: z.unknown() });
/** `crm.item.*` answers 0 for an empty binding. */
const idOrEmpty = (id: number): string => (id === 0 ? '' : String(id));

/** Authority ⇄ an item of the smart process (`crm.item.*`): camelCase fields, `{ item }` / `{ items }`. */
export const bitrixAuthorityMapping: BitrixEntityMapping<'authority'> = {
  entity: 'authority',
  getMethod: 'crm.item.get',
  listMethod: 'crm.item.list',
  params: { entityTypeId: AUTHORITY_ENTITY_TYPE_ID },
  idField: 'id',
  modifiedField: 'updatedTime',
  rowOf: (result) => itemSchema.parse(result).item,
  rowsOf: (result) => itemsSchema.parse(result).items,
  toNeutral(raw) {
    const item = row.parse(raw);
    return neutralRecord<'authority'>(
      {
        id: String(item.id),
        externalId: item.ufCrm7BankId,
        createdAt: item.createdTime,
        updatedAt: item.updatedTime,
      },
      {
        companyId: idOrEmpty(item.companyId),
        contactId: idOrEmpty(item.contactId),
        kind: item.ufCrm7Kind,
        accountIds: item.ufCrm7Accounts,
        validFrom: item.begindate,
        validTo: item.closedate,
      },
    );
  },
};
