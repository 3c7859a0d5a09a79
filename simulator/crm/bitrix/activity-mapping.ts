import type { CrmFieldsByEntity, CrmRecord } from '../../../contracts/crm/crm-records.ts';
import { BitrixError, bitrixErrors } from './bitrix-error.ts';
import { atomDate, atomDateTime, portalDateOf } from './bitrix-time.ts';
import {
  type BitrixEntityMapping,
  type BitrixFieldInfo,
  type MappingView,
  SYSTEM_USER_ID,
  textOrNull,
} from './entity-mapping.ts';

type Task = CrmFieldsByEntity['task'];

/** CRM object type ids (`OWNER_TYPE_ID`, `ENTITY_TYPE_ID`) of the portal. */
export const OWNER_TYPE = { contact: 3, company: 4 } as const;

const SYSTEM_FIELDS: Record<string, BitrixFieldInfo> = {
  ID: { type: 'integer', title: 'ID', isReadOnly: true },
  OWNER_ID: { type: 'integer', title: 'ID владельца', isRequired: true },
  OWNER_TYPE_ID: { type: 'integer', title: 'Тип владельца', isRequired: true },
  TYPE_ID: { type: 'crm_enum_activitytype', title: 'Тип' },
  PROVIDER_ID: { type: 'string', title: 'Провайдер' },
  PROVIDER_TYPE_ID: { type: 'string', title: 'Тип провайдера' },
  SUBJECT: { type: 'string', title: 'Тема', isRequired: true },
  DESCRIPTION: { type: 'string', title: 'Описание' },
  DESCRIPTION_TYPE: { type: 'crm_enum_contenttype', title: 'Тип описания' },
  COMPLETED: { type: 'char', title: 'Выполнено' },
  STATUS: { type: 'crm_enum_activitystatus', title: 'Статус' },
  START_TIME: { type: 'datetime', title: 'Время начала выполнения' },
  END_TIME: { type: 'datetime', title: 'Время окончания выполнения' },
  DEADLINE: { type: 'datetime', title: 'Срок исполнения', isReadOnly: true },
  RESPONSIBLE_ID: { type: 'user', title: 'Ответственный', isRequired: true },
  PRIORITY: { type: 'crm_enum_activitypriority', title: 'Приоритет' },
  COMMUNICATIONS: { type: 'crm_activity_communication', title: 'Коммуникации', isMultiple: true },
  ORIGINATOR_ID: { type: 'string', title: 'Внешний источник' },
  ORIGIN_ID: { type: 'string', title: 'Идентификатор во внешнем источнике' },
  AUTHOR_ID: { type: 'user', title: 'Автор', isReadOnly: true },
  EDITOR_ID: { type: 'user', title: 'Кем изменено', isReadOnly: true },
  CREATED: { type: 'datetime', title: 'Дата создания', isReadOnly: true },
  LAST_UPDATED: { type: 'datetime', title: 'Дата изменения', isReadOnly: true },
};

const NEUTRAL_TO_BITRIX: Record<string, string> = {
  companyId: 'OWNER_ID',
  contactId: 'COMMUNICATIONS',
  subject: 'SUBJECT',
  description: 'DESCRIPTION',
  status: 'COMPLETED',
  dueDate: 'DEADLINE',
};

function communicationsOf(record: CrmRecord<'task'>, view: MappingView): Record<string, unknown>[] {
  if (!record.contactId) return [];
  const contact = view.store.get('contact', record.contactId);
  const [type, value] = contact?.email
    ? ['EMAIL', contact.email]
    : contact?.phone
      ? ['PHONE', contact.phone]
      : ['', ''];
  return [
    {
      ID: String(Number(record.id) * 10 + 3),
      ENTITY_ID: record.contactId,
      ENTITY_TYPE_ID: String(OWNER_TYPE.contact),
      TYPE: type,
      VALUE: value,
    },
  ];
}

function contactOfCommunications(written: unknown): string | null | undefined {
  if (written === null || written === undefined || typeof written !== 'object') return undefined;
  for (const item of Object.values(written)) {
    const communication = item as { ENTITY_ID?: unknown; ENTITY_TYPE_ID?: unknown };
    if (Number(communication?.ENTITY_TYPE_ID) === OWNER_TYPE.contact && communication.ENTITY_ID) {
      return String(communication.ENTITY_ID);
    }
  }
  return null;
}

/**
 * Task ⇄ `crm.activity.*`: a to-do activity (TYPE_ID 6, provider CRM_TODO) owned by the company
 * (OWNER_TYPE_ID 4), its contact in COMMUNICATIONS, the due date as END_TIME/DEADLINE, the bank's id
 * in ORIGIN_ID (the field the portal keeps for an external system's id). Activities have no
 * "in progress": `done` is COMPLETED=Y, and an open activity with START_TIME set is `in-progress`
 * (work has started), one without it `open`. An activity written with a contact as owner belongs to
 * that contact's company.
 */
export const activityMapping: BitrixEntityMapping<'task'> = {
  entity: 'task',
  title: 'Activity',

  fields: () => SYSTEM_FIELDS,

  toRow(record, view) {
    const updated = Date.parse(record.updatedAt);
    const due = record.dueDate === null ? null : atomDate(record.dueDate, view.offsetMinutes);
    return {
      ID: record.id,
      OWNER_ID: record.companyId,
      OWNER_TYPE_ID: String(OWNER_TYPE.company),
      TYPE_ID: '6',
      PROVIDER_ID: 'CRM_TODO',
      PROVIDER_TYPE_ID: 'TODO',
      SUBJECT: record.subject,
      DESCRIPTION: record.description ?? '',
      DESCRIPTION_TYPE: '1',
      COMPLETED: record.status === 'done' ? 'Y' : 'N',
      STATUS: record.status === 'done' ? '2' : '1',
      START_TIME: record.status === 'in-progress' ? atomDateTime(updated, view.offsetMinutes) : null,
      END_TIME: due,
      DEADLINE: due,
      RESPONSIBLE_ID: SYSTEM_USER_ID,
      PRIORITY: '2',
      ORIGINATOR_ID: record.externalId === null ? null : 'corebridge',
      ORIGIN_ID: record.externalId,
      AUTHOR_ID: SYSTEM_USER_ID,
      EDITOR_ID: SYSTEM_USER_ID,
      CREATED: atomDateTime(Date.parse(record.createdAt), view.offsetMinutes),
      LAST_UPDATED: atomDateTime(updated, view.offsetMinutes),
      COMMUNICATIONS: communicationsOf(record, view),
    };
  },

  fromRow(written, current, view) {
    const fields: Partial<Task> = {};
    if ('OWNER_ID' in written || 'OWNER_TYPE_ID' in written) {
      const type = Number(written.OWNER_TYPE_ID ?? OWNER_TYPE.company);
      const owner = String(written.OWNER_ID ?? current?.companyId ?? '');
      if (type === OWNER_TYPE.contact) {
        const contact = view.store.get('contact', owner);
        if (!contact)
          throw bitrixErrors.invalid(`Failed to bind the activity: contact ${owner} does not exist.`);
        fields.companyId = contact.companyId;
        fields.contactId = contact.id;
      } else if (type === OWNER_TYPE.company) {
        fields.companyId = owner;
      } else {
        throw new BitrixError(
          '',
          `OWNER_TYPE_ID ${type} is not supported: the bank's activities belong to companies (4) or contacts (3).`,
        );
      }
    }
    const contact = contactOfCommunications(written.COMMUNICATIONS);
    if (contact !== undefined) fields.contactId = contact;
    if ('SUBJECT' in written) fields.subject = String(written.SUBJECT ?? '').trim();
    if ('DESCRIPTION' in written) fields.description = textOrNull(written.DESCRIPTION);
    const due = written.END_TIME ?? written.DEADLINE;
    if (due !== undefined)
      fields.dueDate =
        textOrNull(due) === null ? null : (portalDateOf(String(due), view.offsetMinutes) ?? null);
    const completed =
      written.COMPLETED === 'Y' || written.COMPLETED === true || ['2', '3'].includes(String(written.STATUS));
    const reopened =
      written.COMPLETED === 'N' || written.COMPLETED === false || String(written.STATUS) === '1';
    const started =
      'START_TIME' in written ? textOrNull(written.START_TIME) !== null : current?.status === 'in-progress';
    if (completed) fields.status = 'done';
    else if (reopened || 'START_TIME' in written || !current)
      fields.status = started ? 'in-progress' : 'open';
    return 'ORIGIN_ID' in written ? { fields, externalId: textOrNull(written.ORIGIN_ID) } : { fields };
  },

  forCreate(write) {
    const { fields } = write;
    if (!fields.companyId) throw bitrixErrors.invalid('Required field OWNER_ID is not filled.');
    if (!fields.subject) throw bitrixErrors.invalid('Required field SUBJECT is not filled.');
    return { contactId: null, description: null, status: 'open', dueDate: null, ...fields } as Task;
  },

  fieldNameOf(neutralField) {
    return NEUTRAL_TO_BITRIX[neutralField] ?? neutralField;
  },
};
