import type { ClientProfile } from './client-profile.ts';
import { organisationOf } from './organisation.ts';
import { personAt } from './person.ts';
import { Rng } from './prng.ts';
import { transliterate } from './transliterate.ts';
import { STREAM, type WorldContext } from './world-context.ts';
import type { Contact } from './world-types.ts';

const OTHER_POSITIONS = [
  'Финансовый директор',
  'Бухгалтер',
  'Заместитель генерального директора',
  'Юрист',
  'Менеджер по закупкам',
  'Казначей',
  'Операционный менеджер',
];

const FREE_MAIL = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru'];

/** Slot 0 runs the client (its director, or the proprietor), slot 1 keeps its books. */
function position(profile: ClientProfile, slot: number, rng: Rng): string {
  if (slot === 0)
    return profile.kind === 'sole-proprietor' ? 'Индивидуальный предприниматель' : 'Генеральный директор';
  if (slot === 1) return 'Главный бухгалтер';
  return rng.pick(OTHER_POSITIONS);
}

export function contactId(ctx: WorldContext, index: number, slot: number): string {
  return ctx.ids.encode('contact', index, slot);
}

export function contactsOf(ctx: WorldContext, profile: ClientProfile): Contact[] {
  const organisation = organisationOf(ctx, profile);
  const companyDomain = organisation.kind === 'legal-entity' ? organisation.email.split('@')[1] : undefined;
  const contacts: Contact[] = [];
  for (let slot = 0; slot < profile.contactCount; slot++) {
    const person = personAt(ctx, profile, slot);
    const rng = new Rng(ctx.seed, STREAM.person, profile.index, slot, 1);
    const first = transliterate(person.firstName);
    const last = transliterate(person.lastName);
    const email =
      companyDomain && rng.chance(0.7)
        ? `${first[0]}.${last}@${companyDomain}`
        : `${first}.${last}${rng.int(1, 99)}@${rng.pick(FREE_MAIL)}`;
    contacts.push({
      id: contactId(ctx, profile.index, slot),
      clientId: organisation.id,
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName,
      fullName: `${person.lastName} ${person.firstName} ${person.middleName}`,
      phone: person.phone,
      email,
      position: position(profile, slot, rng),
      inn: person.inn,
      snils: person.snils,
    });
  }
  return contacts;
}
