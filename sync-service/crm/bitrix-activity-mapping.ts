import { z } from 'zod';
import {
  type BitrixEntityMapping,
  datetime,
  listResult,
  neutralRecord,
  portalDate,
  text,
} from './bitrix-entity-mapping.ts';

/** `ENTITY_TYPE_ID` of a contact among an activity's communications. */
const CONTACT_TYPE = '3';

const row = z.object({
  ID: z.string(),
  OWNER_ID: z.string(),
  SUBJECT: text,
  DESCRIPTION: text,
  COMPLETED: z.enum(['Y', 'N']),
  START_TIME: text,
  DEADLINE: portalDate.nullable(),
  ORIGIN_ID: text,
  CREATED: datetime,
  LAST_UPDATED: datetime,
  COMMUNICATIONS: z
    .array(z.object({ ENTITY_ID: z.coerce.string(), ENTITY_TYPE_ID: z.coerce.string() }).loose())
    .default([]),
});

/**
 * Task ⇄ a to-do activity (`crm.activity.*`, provider CRM_TODO) owned by the company. Activities
 * have no "in progress": a completed one is `done`, an open one with START_TIME set `in-progress`
 * (work has started), any other `open`. The contact is the first contact among COMMUNICATIONS.
 */
export const bitrixActivityMapping: BitrixEntityMapping<'task'> = {
  entity: 'task',
  getMethod: 'crm.activity.get',
  listMethod: 'crm.activity.list',
  params: {},
  idField: 'ID',
  modifiedField: 'LAST_UPDATED',
  select: ['*', 'COMMUNICATIONS'],
  filter: { PROVIDER_ID: 'CRM_TODO' },
  rowOf: (result) => result,
  rowsOf: listResult,
  toNeutral(raw) {
    const activity = row.parse(raw);
    const contact = activity.COMMUNICATIONS.find((item) => item.ENTITY_TYPE_ID === CONTACT_TYPE);
    return neutralRecord<'task'>(
      {
        id: activity.ID,
        externalId: activity.ORIGIN_ID,
        createdAt: activity.CREATED,
        updatedAt: activity.LAST_UPDATED,
      },
      {
        companyId: activity.OWNER_ID,
        contactId: contact?.ENTITY_ID ?? null,
        subject: activity.SUBJECT ?? '',
        // The portal shows a missing description as ''.
        description: activity.DESCRIPTION || null,
        status: activity.COMPLETED === 'Y' ? 'done' : activity.START_TIME ? 'in-progress' : 'open',
        dueDate: activity.DEADLINE,
      },
    );
  },
};
