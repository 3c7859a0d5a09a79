import type { CrmFieldsByEntity } from '../../../contracts/crm/crm-records.ts';
import { bitrixErrors } from './bitrix-error.ts';
import type { BitrixRow } from './bitrix-filter.ts';
import { atomDateTime } from './bitrix-time.ts';
import {
  type BitrixEntityMapping,
  type BitrixFieldInfo,
  SYSTEM_USER_ID,
  textOrNull,
  userFieldValue,
  yn,
} from './entity-mapping.ts';
import { fromMultiField, toMultiField } from './multi-field.ts';
import { neutralKeyOf, USER_FIELD_PREFIX, userFieldNameOf } from './user-field-names.ts';

type Company = CrmFieldsByEntity['company'];

const SYSTEM_FIELDS: Record<string, BitrixFieldInfo> = {
  ID: { type: 'integer', title: 'ID', isReadOnly: true },
  TITLE: { type: 'string', title: 'Название компании', isRequired: true },
  COMPANY_TYPE: { type: 'crm_status', title: 'Тип компании' },
  ADDRESS_LEGAL: { type: 'string', title: 'Юридический адрес' },
  PHONE: { type: 'crm_multifield', title: 'Телефон', isMultiple: true },
  EMAIL: { type: 'crm_multifield', title: 'E-mail', isMultiple: true },
  HAS_PHONE: { type: 'char', title: 'Задан телефон', isReadOnly: true },
  HAS_EMAIL: { type: 'char', title: 'Задан e-mail', isReadOnly: true },
  OPENED: { type: 'char', title: 'Доступна для всех' },
  ASSIGNED_BY_ID: { type: 'user', title: 'Ответственный' },
  CREATED_BY_ID: { type: 'user', title: 'Кем создана', isReadOnly: true },
  MODIFY_BY_ID: { type: 'user', title: 'Кем изменена', isReadOnly: true },
  DATE_CREATE: { type: 'datetime', title: 'Дата создания', isReadOnly: true },
  DATE_MODIFY: { type: 'datetime', title: 'Дата изменения', isReadOnly: true },
};

/** Built-in user fields and the neutral field each one carries. */
const USER_FIELDS = {
  UF_CRM_INN: 'inn',
  UF_CRM_KPP: 'kpp',
  UF_CRM_OGRN: 'ogrn',
  UF_CRM_SEGMENT: 'segment',
} as const;

const NEUTRAL_TO_BITRIX: Record<string, string> = {
  name: 'TITLE',
  legalAddress: 'ADDRESS_LEGAL',
  phone: 'PHONE',
  email: 'EMAIL',
  inn: 'UF_CRM_INN',
  kpp: 'UF_CRM_KPP',
  ogrn: 'UF_CRM_OGRN',
  segment: 'UF_CRM_SEGMENT',
};

/**
 * Company ⇄ `crm.company.*`. Legal details (INN, KPP, OGRN) and the segment are user fields here:
 * real portals keep INN in requisites (`crm.requisite.*`), but integrations like the bank's commonly
 * mirror them into UF fields to filter companies by INN in one call. The bank's client id is
 * `UF_CRM_BANK_ID`; neutral custom fields are `UF_CRM_<UPPER_SNAKE>`. Every company is a `CUSTOMER`.
 */
export const companyMapping: BitrixEntityMapping<'company'> = {
  entity: 'company',
  title: 'Company',

  fields(view) {
    const user = Object.fromEntries(
      view.userFields
        .list('company')
        .map((uf) => [uf.FIELD_NAME, { type: uf.USER_TYPE_ID, title: uf.EDIT_FORM_LABEL, isDynamic: true }]),
    );
    return { ...SYSTEM_FIELDS, ...user };
  },

  toRow(record, view) {
    const row: BitrixRow = {
      ID: record.id,
      TITLE: record.name,
      COMPANY_TYPE: 'CUSTOMER',
      ADDRESS_LEGAL: record.legalAddress,
      HAS_PHONE: yn(Boolean(record.phone)),
      HAS_EMAIL: yn(Boolean(record.email)),
      OPENED: 'Y',
      ASSIGNED_BY_ID: SYSTEM_USER_ID,
      CREATED_BY_ID: SYSTEM_USER_ID,
      MODIFY_BY_ID: SYSTEM_USER_ID,
      DATE_CREATE: atomDateTime(Date.parse(record.createdAt), view.offsetMinutes),
      DATE_MODIFY: atomDateTime(Date.parse(record.updatedAt), view.offsetMinutes),
      UF_CRM_BANK_ID: record.externalId,
      UF_CRM_INN: record.inn,
      UF_CRM_KPP: record.kpp,
      UF_CRM_OGRN: record.ogrn,
      UF_CRM_SEGMENT: record.segment,
    };
    for (const [key, value] of Object.entries(record.custom)) row[userFieldNameOf(key)] = value;
    // Multi-fields appear only when they hold a value, as on the portal.
    const phone = toMultiField(record.id, 'PHONE', record.phone);
    const email = toMultiField(record.id, 'EMAIL', record.email);
    if (phone.length > 0) row.PHONE = phone;
    if (email.length > 0) row.EMAIL = email;
    return row;
  },

  fromRow(written, current, view) {
    const fields: Partial<Company> = {};
    if ('TITLE' in written) fields.name = String(written.TITLE ?? '').trim();
    if ('ADDRESS_LEGAL' in written) fields.legalAddress = textOrNull(written.ADDRESS_LEGAL);
    if ('PHONE' in written)
      fields.phone = fromMultiField(written.PHONE, current?.phone ?? null, current?.id, 'PHONE');
    if ('EMAIL' in written)
      fields.email = fromMultiField(written.EMAIL, current?.email ?? null, current?.id, 'EMAIL');
    if ('UF_CRM_INN' in written) fields.inn = String(written.UF_CRM_INN ?? '').trim();
    if ('UF_CRM_KPP' in written) fields.kpp = textOrNull(written.UF_CRM_KPP);
    if ('UF_CRM_OGRN' in written) fields.ogrn = textOrNull(written.UF_CRM_OGRN);
    if ('UF_CRM_SEGMENT' in written)
      fields.segment = String(written.UF_CRM_SEGMENT ?? '') as Company['segment'];
    const custom = { ...(current?.custom ?? {}) };
    let customChanged = false;
    for (const [name, value] of Object.entries(written)) {
      if (!name.startsWith(USER_FIELD_PREFIX) || name === 'UF_CRM_BANK_ID' || name in USER_FIELDS) continue;
      const key = neutralKeyOf(name);
      const definition = view.userFields.byName('company', name);
      // Unknown user fields are ignored, as the portal ignores fields it has no definition for.
      if (!definition && !(key in custom)) continue;
      custom[key] = userFieldValue(value, definition?.USER_TYPE_ID ?? 'string');
      customChanged = true;
    }
    if (customChanged) fields.custom = custom;
    return 'UF_CRM_BANK_ID' in written
      ? { fields, externalId: textOrNull(written.UF_CRM_BANK_ID) }
      : { fields };
  },

  forCreate(write) {
    const { fields } = write;
    if (!fields.name) throw bitrixErrors.invalid('Required field "Название компании" (TITLE) is not filled.');
    if (!fields.inn) {
      throw bitrixErrors.invalid(
        "Required field UF_CRM_INN is not filled: the bank's CRM requires an INN for every company.",
      );
    }
    return {
      kpp: null,
      ogrn: null,
      segment: 'small',
      phone: null,
      email: null,
      legalAddress: null,
      custom: {},
      ...fields,
    } as Company;
  },

  fieldNameOf(neutralField) {
    return NEUTRAL_TO_BITRIX[neutralField] ?? userFieldNameOf(neutralField);
  },
};
