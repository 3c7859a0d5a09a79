import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import type { World } from '../data/world.ts';
import { CHILD_SLOTS, type CrmBaseData } from './crm-base-data.ts';

// Where each kind of child sits among a company's CHILD_SLOTS ids: the world gives at most 4
// contacts, 4 tasks and 8 authorities per client.
const SLOTS = { contact: [0, 4], task: [4, 8], authority: [8, CHILD_SLOTS] } as const;

/**
 * The CRM's seeded records, read from the shared world: company n is world client n-1, and the
 * company's external id is the bank's client id, the same UUID the ABS and the MDM use.
 */
export function worldCrmBase(world: World): CrmBaseData {
  const childId = (company: number, kind: keyof typeof SLOTS, j: number) =>
    String((company - 1) * CHILD_SLOTS + 1 + SLOTS[kind][0] + j);
  const within = (kind: keyof typeof SLOTS) => SLOTS[kind][1] - SLOTS[kind][0];
  const meta = (createdAt: string, id: string) => ({
    id,
    externalId: null,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  });

  return {
    companies: world.clients,
    companyAt(n): CrmRecord<'company'> {
      const client = world.clientAt(n - 1);
      const createdAt = `${client.registeredOn}T09:00:00.000Z`;
      return {
        ...meta(createdAt, String(n)),
        externalId: client.id,
        name: client.shortName,
        inn: client.inn,
        kpp: client.kpp,
        ogrn: client.ogrn,
        segment: client.segment,
        phone: client.phone,
        email: client.email,
        legalAddress: client.legalAddress.text,
        custom: {},
      };
    },
    childrenOf(n) {
      const index = n - 1;
      const createdAt = `${world.clientAt(index).registeredOn}T09:00:00.000Z`;
      const contacts = world.contactsOf(index).slice(0, within('contact'));
      const contactNumber = new Map(contacts.map((c, j) => [c.id, childId(n, 'contact', j)]));
      return {
        contact: contacts.map(
          (c, j): CrmRecord<'contact'> => ({
            ...meta(createdAt, childId(n, 'contact', j)),
            companyId: String(n),
            firstName: c.firstName,
            lastName: c.lastName,
            middleName: c.middleName,
            phone: c.phone,
            email: c.email,
            position: c.position,
          }),
        ),
        task: world
          .tasksOf(index)
          .slice(0, within('task'))
          .map(
            (t, j): CrmRecord<'task'> => ({
              ...meta(t.createdAt, childId(n, 'task', j)),
              companyId: String(n),
              contactId: t.contactId ? (contactNumber.get(t.contactId) ?? null) : null,
              subject: t.subject,
              description: t.description,
              status: t.status,
              dueDate: t.dueDate,
            }),
          ),
        authority: world
          .authoritiesOf(index)
          .filter((a) => contactNumber.has(a.contactId))
          .slice(0, within('authority'))
          .map(
            (a, j): CrmRecord<'authority'> => ({
              ...meta(createdAt, childId(n, 'authority', j)),
              companyId: String(n),
              contactId: contactNumber.get(a.contactId) as string,
              kind: a.kind,
              accountIds: [...a.accountIds],
              validFrom: a.validFrom,
              validTo: a.validTo,
            }),
          ),
      };
    },
    companyByExternalId(externalId) {
      const index = world.indexOfClientId(externalId);
      return index === undefined ? undefined : index + 1;
    },
  };
}
