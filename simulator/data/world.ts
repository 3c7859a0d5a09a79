import { accountByIdIn, accountsOf } from './accounts.ts';
import { authoritiesOf } from './authorities.ts';
import { clientProfile } from './client-profile.ts';
import { contactsOf } from './contacts.ts';
import { isoDate, parseInstant } from './dates.ts';
import { interactionsOf } from './interactions.ts';
import { legalDetailsOf } from './legal-details.ts';
import { organisationOf } from './organisation.ts';
import { pageWindow } from './page-window.ts';
import { postingsOf } from './postings.ts';
import { tasksOf } from './tasks.ts';
import type { WorldContext } from './world-context.ts';
import { createWorldIdCodec } from './world-id.ts';
import type { World, WorldOptions } from './world-types.ts';

export type * from './world-types.ts';

/** Account serial numbers hold 7 digits (see accounts.ts), which caps the world here. */
export const MAX_CLIENTS = 2_000_000;
export const DEFAULT_UNTIL = '2026-01-01';
export const DEFAULT_HISTORY_YEARS = 10;

/**
 * The seeded world. Creating it stores nothing per client: every method derives what it returns
 * from (seed, index) on each call, so a million clients cost no memory and any client is as quick
 * to reach as the first. Every method is pure: same world options, same answer, byte for byte.
 */
export function createWorld(options: WorldOptions): World {
  const ctx = contextOf(options);
  const checked = (index: number): number => {
    if (!Number.isInteger(index) || index < 0 || index >= ctx.clients) {
      throw new RangeError(`Failed to derive client ${index}: the world has clients 0..${ctx.clients - 1}.`);
    }
    return index;
  };
  const profileAt = (index: number) => clientProfile(ctx, checked(index));
  return {
    seed: ctx.seed,
    clients: ctx.clients,
    historyFrom: isoDate(ctx.historyFromMs),
    until: isoDate(ctx.untilMs),
    clientAt: (index) => organisationOf(ctx, profileAt(index)),
    clientIdAt: (index) => ctx.ids.encode('client', checked(index)),
    indexOfClientId(id) {
      const parts = ctx.ids.decode(id);
      return parts?.entity === 'client' && parts.index < ctx.clients && parts.slot === 0 && parts.serial === 0
        ? parts.index
        : undefined;
    },
    contactsOf: (index) => contactsOf(ctx, profileAt(index)),
    authoritiesOf(index) {
      const profile = profileAt(index);
      return authoritiesOf(ctx, profile, accountsOf(ctx, profile));
    },
    tasksOf: (index) => tasksOf(ctx, profileAt(index)),
    accountsOf: (index) => accountsOf(ctx, profileAt(index)),
    accountById: (id) => accountByIdIn(ctx, id)?.account,
    legalDetailsOf: (index) => legalDetailsOf(ctx, profileAt(index)),
    interactionsOf: (index, page) => interactionsOf(ctx, profileAt(index), pageWindow(page)),
    postingsOf(accountId, page) {
      const window = pageWindow(page);
      const found = accountByIdIn(ctx, accountId);
      return found && postingsOf(ctx, found.profile, found.slot, found.account, window);
    },
  };
}

function contextOf(options: WorldOptions): WorldContext {
  const { seed, clients } = options;
  if (!Number.isSafeInteger(seed))
    throw new RangeError(`Failed to create the world: seed ${seed} is not a safe integer.`);
  if (!Number.isInteger(clients) || clients < 1 || clients > MAX_CLIENTS) {
    throw new RangeError(`Failed to create the world: ${clients} clients is outside 1..${MAX_CLIENTS}.`);
  }
  const untilMs = parseInstant(options.until ?? DEFAULT_UNTIL, 'the end of history (until)');
  const years = options.historyYears ?? DEFAULT_HISTORY_YEARS;
  const until = new Date(untilMs);
  if (
    until.getUTCHours() + until.getUTCMinutes() + until.getUTCSeconds() + until.getUTCMilliseconds() !==
    0
  ) {
    throw new RangeError(
      `Failed to create the world: until ${options.until} is not a midnight UTC. Pass a date.`,
    );
  }
  if (untilMs < Date.UTC(2000, 0, 1) || !Number.isInteger(years) || years < 1 || years > 30) {
    throw new RangeError(`Failed to create the world: until must be 2000 or later and historyYears 1..30.`);
  }
  const historyFromMs = Date.UTC(until.getUTCFullYear() - years, until.getUTCMonth(), until.getUTCDate());
  return { seed, clients, ids: createWorldIdCodec(seed), historyFromMs, untilMs };
}
