import type { ClientProfile } from './client-profile.ts';
import { contactId } from './contacts.ts';
import { DAY_MS, isoDate } from './dates.ts';
import { Rng } from './prng.ts';
import { STREAM, type WorldContext } from './world-context.ts';
import type { Account, Authority, AuthorityKind } from './world-types.ts';

/**
 * Every contact sees some accounts; the head of the client signs payments on all of them for as
 * long as in office, the chief accountant usually by a power of attorney for 1–3 years (which may
 * have run out: the DBO must refuse a signature then), and now and then another person too.
 */
const SIGN_SHARE = [1, 0.8, 0.15, 0.15];

export function authoritiesOf(
  ctx: WorldContext,
  profile: ClientProfile,
  accounts: readonly Account[],
): Authority[] {
  const authorities: Authority[] = [];
  const first = accounts[0];
  if (!first) return authorities;
  const clientId = ctx.ids.encode('client', profile.index);
  const allIds = accounts.map((account) => account.id);
  const firstOpenedMs = Date.parse(first.openedOn);
  for (let slot = 0; slot < profile.contactCount; slot++) {
    const rng = new Rng(ctx.seed, STREAM.authority, profile.index, slot);
    const seesAll = slot < 2;
    const seen = seesAll ? allIds : allIds.filter((_, n) => n === 0 || rng.chance(0.6));
    const joinedMs = slot === 0 ? firstOpenedMs : rng.int(firstOpenedMs, ctx.untilMs - DAY_MS);
    const authority = (
      kind: AuthorityKind,
      accountIds: readonly string[],
      fromMs: number,
      toMs: number | null,
    ) => ({
      id: ctx.ids.encode('authority', profile.index, slot * 2 + (kind === 'sign-payments' ? 1 : 0)),
      clientId,
      contactId: contactId(ctx, profile.index, slot),
      kind,
      accountIds,
      validFrom: isoDate(fromMs),
      validTo: toMs === null ? null : isoDate(toMs),
    });
    // Some staff (never the head) have left: their view ends, so the cache must drop it.
    const leftMs = slot >= 2 && rng.chance(0.15) ? rng.int(joinedMs, ctx.untilMs - 1) : null;
    authorities.push(authority('view-accounts', seen, joinedMs, leftMs));
    if (!rng.chance(SIGN_SHARE[slot] ?? 0)) continue;
    if (slot === 0) {
      authorities.push(authority('sign-payments', allIds, joinedMs, null));
      continue;
    }
    // Powers of attorney are renewed: the latest one was issued within the last three years.
    const fromMs = rng.int(Math.max(joinedMs, ctx.untilMs - 3 * 365 * DAY_MS), ctx.untilMs - DAY_MS);
    authorities.push(authority('sign-payments', seen, fromMs, fromMs + rng.int(1, 3) * 365 * DAY_MS));
  }
  return authorities;
}
