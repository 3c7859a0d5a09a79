import type { CrmFieldsByEntity } from '../../../contracts/crm/crm-records.ts';
import { bitrixErrors } from './bitrix-error.ts';
import type { BitrixRow } from './bitrix-filter.ts';
import { atomDateTime } from './bitrix-time.ts';
import {
  type BitrixEntityMapping,
  type BitrixFieldInfo,
  SYSTEM_USER_ID,
  textOrNull,
  yn,
} from './entity-mapping.ts';
import { fromMultiField, toMultiField } from './multi-field.ts';

type Contact = CrmFieldsByEntity['contact'];

const SYSTEM_FIELDS: Record<string, BitrixFieldInfo> = {
  ID: { type: 'integer', title: 'ID', isReadOnly: true },
  NAME: { type: 'string', title: 'Имя' },
  SECOND_NAME: { type: 'string', title: 'Отчество' },
  LAST_NAME: { type: 'string', title: 'Фамилия', isRequired: true },
  POST: { type: 'string', title: 'Должность' },
  COMPANY_ID: { type: 'crm_company', title: 'Компания' },
  TYPE_ID: { type: 'crm_status', title: 'Тип контакта' },
  PHONE: { type: 'crm_multifield', title: 'Телефон', isMultiple: true },
  EMAIL: { type: 'crm_multifield', title: 'E-mail', isMultiple: true },
  HAS_PHONE: { type: 'char', title: 'Задан телефон', isReadOnly: true },
  HAS_EMAIL: { type: 'char', title: 'Задан e-mail', isReadOnly: true },
  OPENED: { type: 'char', title: 'Доступен для всех' },
  EXPORT: { type: 'char', title: 'Участвует в экспорте контактов' },
  ASSIGNED_BY_ID: { type: 'user', title: 'Ответственный' },
  CREATED_BY_ID: { type: 'user', title: 'Кем создан', isReadOnly: true },
  MODIFY_BY_ID: { type: 'user', title: 'Кем изменен', isReadOnly: true },
  DATE_CREATE: { type: 'datetime', title: 'Дата создания', isReadOnly: true },
  DATE_MODIFY: { type: 'datetime', title: 'Дата изменения', isReadOnly: true },
};

const NEUTRAL_TO_BITRIX: Record<string, string> = {
  companyId: 'COMPANY_ID',
  firstName: 'NAME',
  lastName: 'LAST_NAME',
  middleName: 'SECOND_NAME',
  phone: 'PHONE',
  email: 'EMAIL',
  position: 'POST',
};

/**
 * Contact ⇄ `crm.contact.*`. The bank's person id is `UF_CRM_BANK_ID`. The neutral contact has no
 * custom fields, so other user fields may be defined but their values are not kept.
 */
export const contactMapping: BitrixEntityMapping<'contact'> = {
  entity: 'contact',
  title: 'Contact',

  fields(view) {
    const user = Object.fromEntries(
      view.userFields
        .list('contact')
        .map((uf) => [uf.FIELD_NAME, { type: uf.USER_TYPE_ID, title: uf.EDIT_FORM_LABEL, isDynamic: true }]),
    );
    return { ...SYSTEM_FIELDS, ...user };
  },

  toRow(record, view) {
    const row: BitrixRow = {
      ID: record.id,
      NAME: record.firstName,
      SECOND_NAME: record.middleName,
      LAST_NAME: record.lastName,
      POST: record.position,
      COMPANY_ID: record.companyId === '' ? null : record.companyId,
      TYPE_ID: 'CLIENT',
      HAS_PHONE: yn(Boolean(record.phone)),
      HAS_EMAIL: yn(Boolean(record.email)),
      OPENED: 'Y',
      EXPORT: 'Y',
      ASSIGNED_BY_ID: SYSTEM_USER_ID,
      CREATED_BY_ID: SYSTEM_USER_ID,
      MODIFY_BY_ID: SYSTEM_USER_ID,
      DATE_CREATE: atomDateTime(Date.parse(record.createdAt), view.offsetMinutes),
      DATE_MODIFY: atomDateTime(Date.parse(record.updatedAt), view.offsetMinutes),
      UF_CRM_BANK_ID: record.externalId,
    };
    const phone = toMultiField(record.id, 'PHONE', record.phone);
    const email = toMultiField(record.id, 'EMAIL', record.email);
    if (phone.length > 0) row.PHONE = phone;
    if (email.length > 0) row.EMAIL = email;
    return row;
  },

  fromRow(written, current) {
    const fields: Partial<Contact> = {};
    if ('NAME' in written) fields.firstName = String(written.NAME ?? '').trim();
    if ('LAST_NAME' in written) fields.lastName = String(written.LAST_NAME ?? '').trim();
    if ('SECOND_NAME' in written) fields.middleName = textOrNull(written.SECOND_NAME);
    if ('POST' in written) fields.position = textOrNull(written.POST);
    if ('COMPANY_ID' in written) {
      const company = textOrNull(written.COMPANY_ID);
      fields.companyId = company === null || company === '0' ? '' : company;
    }
    if ('PHONE' in written)
      fields.phone = fromMultiField(written.PHONE, current?.phone ?? null, current?.id, 'PHONE');
    if ('EMAIL' in written)
      fields.email = fromMultiField(written.EMAIL, current?.email ?? null, current?.id, 'EMAIL');
    return 'UF_CRM_BANK_ID' in written
      ? { fields, externalId: textOrNull(written.UF_CRM_BANK_ID) }
      : { fields };
  },

  forCreate(write) {
    const { fields } = write;
    if (!fields.lastName) throw bitrixErrors.invalid('Required field "Фамилия" (LAST_NAME) is not filled.');
    return {
      companyId: '',
      firstName: '',
      middleName: null,
      phone: null,
      email: null,
      position: null,
      ...fields,
    } as Contact;
  },

  fieldNameOf(neutralField) {
    return NEUTRAL_TO_BITRIX[neutralField] ?? neutralField;
  },
};
