import { z } from 'zod';
import {
  type BitrixEntityMapping,
  crmRowMeta,
  datetime,
  listResult,
  multiField,
  neutralRecord,
  text,
} from './bitrix-entity-mapping.ts';

const USER_FIELD_PREFIX = 'UF_CRM_';
/** User fields read as neutral fields; every other `UF_CRM_*` of a company is a custom field. */
const BUILT_IN = new Set(['UF_CRM_BANK_ID', 'UF_CRM_INN', 'UF_CRM_KPP', 'UF_CRM_OGRN', 'UF_CRM_SEGMENT']);

const customValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** `UF_CRM_CREDIT_LIMIT` → `creditLimit`, the custom field's neutral name. */
function neutralKeyOf(userField: string): string {
  return userField
    .slice(USER_FIELD_PREFIX.length)
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

const row = z
  .object({
    ID: z.string(),
    TITLE: text,
    ADDRESS_LEGAL: text,
    PHONE: multiField,
    EMAIL: multiField,
    DATE_CREATE: datetime,
    DATE_MODIFY: datetime,
    UF_CRM_BANK_ID: text,
    UF_CRM_INN: text,
    UF_CRM_KPP: text,
    UF_CRM_OGRN: text,
    UF_CRM_SEGMENT: z.enum(['small', 'medium', 'large']),
  })
  .catchall(z.unknown());

/** Company ⇄ `crm.company.*`: INN, KPP, OGRN and the segment are the bank's user fields. */
export const bitrixCompanyMapping: BitrixEntityMapping<'company'> = {
  entity: 'company',
  getMethod: 'crm.company.get',
  listMethod: 'crm.company.list',
  params: {},
  idField: 'ID',
  modifiedField: 'DATE_MODIFY',
  select: ['*', 'UF_*', 'PHONE', 'EMAIL'],
  rowOf: (result) => result,
  rowsOf: listResult,
  toNeutral(raw) {
    const company = row.parse(raw);
    const custom: Record<string, z.infer<typeof customValue>> = {};
    for (const [field, value] of Object.entries(company)) {
      if (field.startsWith(USER_FIELD_PREFIX) && !BUILT_IN.has(field))
        custom[neutralKeyOf(field)] = customValue.parse(value);
    }
    return neutralRecord<'company'>(crmRowMeta(company), {
      name: company.TITLE ?? '',
      inn: company.UF_CRM_INN ?? '',
      kpp: company.UF_CRM_KPP,
      ogrn: company.UF_CRM_OGRN,
      segment: company.UF_CRM_SEGMENT,
      phone: company.PHONE,
      email: company.EMAIL,
      legalAddress: company.ADDRESS_LEGAL,
      custom,
    });
  },
};
