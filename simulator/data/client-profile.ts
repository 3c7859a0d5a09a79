import { DAY_MS } from './dates.ts';
import { Rng } from './prng.ts';
import { REGION_WEIGHTS, type Region } from './regions.ts';
import { STREAM, type WorldContext } from './world-context.ts';
import type { OrganisationKind, Segment } from './world-types.ts';

/**
 * The few facts about a client that every other part of it depends on (kind, size, region, age,
 * how many contacts and accounts), drawn apart from the rest so contacts, accounts and postings can
 * be derived without building the whole organisation first.
 */
export interface ClientProfile {
  readonly index: number;
  readonly kind: OrganisationKind;
  readonly segment: Segment;
  readonly region: Region;
  /** Tax office the client is registered with: region code + 2 digits. */
  readonly taxOffice: string;
  readonly registeredMs: number;
  readonly contactCount: number;
  readonly accountCount: number;
  readonly taskCount: number;
}

const EARLIEST_REGISTRATION_MS = Date.UTC(1993, 0, 1);
/** A client is at least this old at the world's "now", so it has time to open accounts. */
const YOUNGEST_MS = 120 * DAY_MS;

const CONTACTS: Readonly<Record<Segment, readonly [number, number]>> = {
  small: [1, 2],
  medium: [2, 3],
  large: [3, 4],
};
const ACCOUNTS: Readonly<Record<Segment, readonly [number, number]>> = {
  small: [1, 2],
  medium: [1, 4],
  large: [2, 5],
};

export function clientProfile(ctx: WorldContext, index: number): ClientProfile {
  const rng = new Rng(ctx.seed, STREAM.profile, index);
  const kind: OrganisationKind = rng.chance(0.2) ? 'sole-proprietor' : 'legal-entity';
  const segment: Segment =
    kind === 'sole-proprietor'
      ? rng.weighted([
          ['small', 95],
          ['medium', 5],
        ])
      : rng.weighted([
          ['small', 60],
          ['medium', 30],
          ['large', 10],
        ]);
  const region = rng.weighted(REGION_WEIGHTS);
  const taxOffice = `${region.code}${String(rng.int(1, region.taxOffices)).padStart(2, '0')}`;
  const registeredMs = rng.int(EARLIEST_REGISTRATION_MS, ctx.untilMs - YOUNGEST_MS);
  const [minContacts, maxContacts] = CONTACTS[segment];
  const [minAccounts, maxAccounts] = ACCOUNTS[segment];
  return {
    index,
    kind,
    segment,
    region,
    taxOffice,
    registeredMs,
    contactCount: rng.int(minContacts, maxContacts),
    accountCount: rng.int(minAccounts, maxAccounts),
    taskCount: rng.weighted([
      [0, 30],
      [1, 30],
      [2, 20],
      [3, 12],
      [4, 8],
    ]),
  };
}
