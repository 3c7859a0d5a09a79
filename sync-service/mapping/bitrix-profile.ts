import type { MappingProfileInput } from './mapping-profile-schema.ts';

const multi = { kind: 'multi-field' } as const;

/**
 * The bank's Bitrix24 portal: companies and contacts with the bank's `UF_CRM_*` user fields, tasks
 * and interactions as CRM activities owned by the company (`OWNER_TYPE_ID` 4) with the bank's id in
 * `ORIGIN_ID`, the field the portal keeps for an external system's id.
 */
export const bitrixProfile: MappingProfileInput = {
  flavor: 'bitrix24',
  version: 1,
  entities: {
    company: {
      target: 'crm.company',
      externalIdField: 'UF_CRM_BANK_ID',
      fields: {
        name: { to: 'TITLE' },
        inn: { to: 'UF_CRM_INN' },
        kpp: { to: 'UF_CRM_KPP' },
        ogrn: { to: 'UF_CRM_OGRN' },
        segment: { to: 'UF_CRM_SEGMENT' },
        phone: { to: 'PHONE', transform: multi },
        email: { to: 'EMAIL', transform: multi },
        legalAddress: { to: 'ADDRESS_LEGAL' },
      },
      custom: { creditLimit: 'UF_CRM_CREDIT_LIMIT' },
    },
    contact: {
      target: 'crm.contact',
      externalIdField: 'UF_CRM_BANK_ID',
      fields: {
        companyId: { to: 'COMPANY_ID' },
        firstName: { to: 'NAME' },
        lastName: { to: 'LAST_NAME' },
        middleName: { to: 'SECOND_NAME' },
        phone: { to: 'PHONE', transform: multi },
        email: { to: 'EMAIL', transform: multi },
        position: { to: 'POST' },
      },
    },
    task: {
      target: 'crm.activity',
      externalIdField: 'ORIGIN_ID',
      constants: { OWNER_TYPE_ID: 4, ORIGINATOR_ID: 'corebridge' },
      fields: {
        companyId: { to: 'OWNER_ID' },
        subject: { to: 'SUBJECT' },
        description: { to: 'DESCRIPTION' },
        status: { to: 'COMPLETED', transform: { kind: 'yes-if', equals: 'done' } },
        dueDate: { to: 'DEADLINE' },
      },
    },
  },
};
