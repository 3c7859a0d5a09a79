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

const row = z.object({
  ID: z.string(),
  NAME: text,
  SECOND_NAME: text,
  LAST_NAME: text,
  POST: text,
  COMPANY_ID: text,
  PHONE: multiField,
  EMAIL: multiField,
  DATE_CREATE: datetime,
  DATE_MODIFY: datetime,
  UF_CRM_BANK_ID: text,
});

/** Contact ⇄ `crm.contact.*`; a contact without a company has COMPANY_ID null, neutrally ''. */
export const bitrixContactMapping: BitrixEntityMapping<'contact'> = {
  entity: 'contact',
  getMethod: 'crm.contact.get',
  listMethod: 'crm.contact.list',
  params: {},
  idField: 'ID',
  modifiedField: 'DATE_MODIFY',
  select: ['*', 'UF_*', 'PHONE', 'EMAIL'],
  rowOf: (result) => result,
  rowsOf: listResult,
  toNeutral(raw) {
    const contact = row.parse(raw);
    return neutralRecord<'contact'>(crmRowMeta(contact), {
      companyId: contact.COMPANY_ID ?? '',
      firstName: contact.NAME ?? '',
      middleName: contact.SECOND_NAME,
      lastName: contact.LAST_NAME ?? '',
      phone: contact.PHONE,
      email: contact.EMAIL,
      position: contact.POST,
    });
  },
};
