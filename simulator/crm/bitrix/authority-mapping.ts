import { AUTHORITY_ENTITY_TYPE_ID } from '../../../contracts/crm/bitrix-authority-type.ts';
import type { CrmFieldsByEntity } from '../../../contracts/crm/crm-records.ts';
import { BitrixError } from './bitrix-error.ts';
import { atomDate, atomDateTime, portalDateOf } from './bitrix-time.ts';
import { type BitrixEntityMapping, type BitrixFieldInfo, textOrNull } from './entity-mapping.ts';

type Authority = CrmFieldsByEntity['authority'];

export { AUTHORITY_ENTITY_TYPE_ID };

const FIELDS: Record<string, BitrixFieldInfo> = {
  id: { type: 'integer', title: 'ID', isReadOnly: true },
  entityTypeId: { type: 'integer', title: 'Тип', isReadOnly: true },
  title: { type: 'string', title: 'Название', isReadOnly: true },
  companyId: { type: 'crm_company', title: 'Компания', isRequired: true },
  contactId: { type: 'crm_contact', title: 'Контакт', isRequired: true },
  contactIds: { type: 'crm_contact', title: 'Контакты', isMultiple: true },
  begindate: { type: 'date', title: 'Дата начала', isRequired: true },
  closedate: { type: 'date', title: 'Дата завершения' },
  ufCrm7Kind: {
    type: 'string',
    title: 'Вид полномочия (sign-payments, view-accounts)',
    isRequired: true,
    isDynamic: true,
  },
  ufCrm7Accounts: { type: 'string', title: 'Счета', isMultiple: true, isDynamic: true },
  ufCrm7BankId: { type: 'string', title: 'ID в банке', isDynamic: true },
  assignedById: { type: 'user', title: 'Ответственный' },
  createdBy: { type: 'user', title: 'Кем создан', isReadOnly: true },
  updatedBy: { type: 'user', title: 'Кем изменен', isReadOnly: true },
  createdTime: { type: 'datetime', title: 'Когда создан', isReadOnly: true },
  updatedTime: { type: 'datetime', title: 'Когда изменен', isReadOnly: true },
};

/** Clients may also write user fields by their original names (`useOriginalUfNames`). */
const ORIGINAL_UF: Record<string, string> = {
  UF_CRM_7_KIND: 'ufCrm7Kind',
  UF_CRM_7_ACCOUNTS: 'ufCrm7Accounts',
  UF_CRM_7_BANK_ID: 'ufCrm7BankId',
};

const NEUTRAL_TO_BITRIX: Record<string, string> = {
  companyId: 'companyId',
  contactId: 'contactId',
  kind: 'ufCrm7Kind',
  accountIds: 'ufCrm7Accounts',
  validFrom: 'begindate',
  validTo: 'closedate',
};

function idOrZero(value: string): number {
  return value === '' ? 0 : Number(value);
}

/**
 * Authority ⇄ an item of the smart process «Полномочия» (entityTypeId 1036): a smart process is how
 * a Bitrix24 portal models a custom entity bound to a company and a contact, with its own ids, list
 * filters and events (`ONCRMDYNAMICITEM*_1036`). Fields are camelCase as `crm.item.*` shows them:
 * validity is `begindate`/`closedate`, the kind and the accounts are user fields.
 */
export const authorityMapping: BitrixEntityMapping<'authority'> = {
  entity: 'authority',
  title: 'Item',

  fields: () => FIELDS,

  toRow(record, view) {
    return {
      id: Number(record.id),
      entityTypeId: AUTHORITY_ENTITY_TYPE_ID,
      title: `${record.kind} #${record.id}`,
      companyId: idOrZero(record.companyId),
      contactId: idOrZero(record.contactId),
      contactIds: record.contactId === '' ? [] : [Number(record.contactId)],
      begindate: atomDate(record.validFrom, view.offsetMinutes),
      closedate: record.validTo === null ? null : atomDate(record.validTo, view.offsetMinutes),
      ufCrm7Kind: record.kind,
      ufCrm7Accounts: [...record.accountIds],
      ufCrm7BankId: record.externalId,
      assignedById: 1,
      createdBy: 1,
      updatedBy: 1,
      createdTime: atomDateTime(Date.parse(record.createdAt), view.offsetMinutes),
      updatedTime: atomDateTime(Date.parse(record.updatedAt), view.offsetMinutes),
    };
  },

  fromRow(raw, _current, view) {
    const written: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) written[ORIGINAL_UF[key] ?? key] = value;
    const fields: Partial<Authority> = {};
    if ('companyId' in written) fields.companyId = String(Number(written.companyId) || '');
    const contacts = written.contactIds;
    if (contacts && typeof contacts === 'object') {
      const first = Object.values(contacts)[0];
      if (first !== undefined) fields.contactId = String(Number(first) || '');
    }
    if ('contactId' in written) fields.contactId = String(Number(written.contactId) || '');
    if ('ufCrm7Kind' in written) fields.kind = String(written.ufCrm7Kind ?? '') as Authority['kind'];
    if ('ufCrm7Accounts' in written) {
      const accounts = written.ufCrm7Accounts;
      const list = accounts && typeof accounts === 'object' ? Object.values(accounts) : [accounts];
      fields.accountIds = list.map((account) => textOrNull(account)).filter((account) => account !== null);
    }
    if ('begindate' in written)
      fields.validFrom = portalDateOf(String(written.begindate ?? ''), view.offsetMinutes);
    if ('closedate' in written) {
      const closes = textOrNull(written.closedate);
      fields.validTo = closes === null ? null : (portalDateOf(closes, view.offsetMinutes) ?? null);
    }
    return 'ufCrm7BankId' in written ? { fields, externalId: textOrNull(written.ufCrm7BankId) } : { fields };
  },

  forCreate(write, view) {
    const { fields } = write;
    for (const required of ['companyId', 'contactId', 'kind'] as const) {
      if (!fields[required]) {
        throw new BitrixError(
          'CRM_FIELD_ERROR_REQUIRED',
          `Обязательное поле "${NEUTRAL_TO_BITRIX[required]}" не заполнено`,
        );
      }
    }
    // Like the portal, an item without a start date starts today.
    const today = atomDateTime(view.now(), view.offsetMinutes).slice(0, 10);
    return { accountIds: [], validTo: null, ...fields, validFrom: fields.validFrom ?? today } as Authority;
  },

  fieldNameOf(neutralField) {
    return NEUTRAL_TO_BITRIX[neutralField] ?? neutralField;
  },
};
