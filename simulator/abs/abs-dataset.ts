import type { AbsAccount, AbsOrganisation } from '../../contracts/abs/abs-schemas.ts';
import { createWorld } from '../data/world.ts';

export interface AbsDatasetSize {
  readonly organisations: number;
  /** At most this many of each client's accounts (the world gives 1 to 5). */
  readonly accountsPerOrganisation: number;
}

export interface AbsDataset {
  readonly organisations: readonly AbsOrganisation[];
  readonly accounts: readonly AbsAccount[];
}

/**
 * The ABS's organisations and accounts, read from the shared seeded world, so the same client has
 * the same id and INN in the CRM and the MDM. Same seed and size → the same dataset, byte for byte.
 */
export function generateAbsDataset(seed: number, size: AbsDatasetSize): AbsDataset {
  const world = createWorld({ seed, clients: size.organisations });
  const organisations: AbsOrganisation[] = [];
  const accounts: AbsAccount[] = [];
  for (let i = 0; i < world.clients; i++) {
    const client = world.clientAt(i);
    organisations.push({ id: client.id, name: client.shortName, inn: client.inn });
    for (const account of world.accountsOf(i).slice(0, size.accountsPerOrganisation)) {
      accounts.push({
        id: account.id,
        organisationId: client.id,
        number: account.number,
        currency: account.currency,
        balanceMinor: account.openingBalanceMinor,
        lastSequence: 0,
      });
    }
  }
  return { organisations, accounts };
}
