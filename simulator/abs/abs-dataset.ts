import { en, Faker, ru } from '@faker-js/faker';
import type { AbsAccount, AbsOrganisation } from '../../contracts/abs/abs-schemas.ts';
import { legalEntityInn } from './legal-entity-inn.ts';

export interface AbsDatasetSize {
  readonly organisations: number;
  readonly accountsPerOrganisation: number;
}

export interface AbsDataset {
  readonly organisations: readonly AbsOrganisation[];
  readonly accounts: readonly AbsAccount[];
}

/** The same seed and size give the same organisations and accounts, byte for byte. */
export function generateAbsDataset(seed: number, size: AbsDatasetSize): AbsDataset {
  const faker = new Faker({ locale: [ru, en], seed });
  const organisations: AbsOrganisation[] = [];
  const accounts: AbsAccount[] = [];
  for (let o = 0; o < size.organisations; o++) {
    const organisation = { id: faker.string.uuid(), name: faker.company.name(), inn: legalEntityInn(faker) };
    organisations.push(organisation);
    const accountCount = faker.number.int({ min: 1, max: size.accountsPerOrganisation });
    for (let a = 0; a < accountCount; a++) {
      accounts.push({
        id: faker.string.uuid(),
        organisationId: organisation.id,
        number: `40702810${faker.string.numeric(12)}`,
        currency: faker.helpers.weightedArrayElement([
          { weight: 8, value: 'RUB' as const },
          { weight: 1, value: 'USD' as const },
          { weight: 1, value: 'CNY' as const },
        ]),
        balanceMinor: faker.number.int({ min: 0, max: 50_000_000_00 }),
        lastSequence: 0,
      });
    }
  }
  return { organisations, accounts };
}
