import { homeBranch } from './bank.ts';
import type { ClientProfile } from './client-profile.ts';
import { DAY_MS, HOUR_MS, isoDateTime, startOfDay } from './dates.ts';
import type { PageWindow } from './page-window.ts';
import { postingContent } from './posting-content.ts';
import { hash32, mix32, Rng, unit } from './prng.ts';
import { pageSeries, type Series } from './series.ts';
import { STREAM, type WorldContext } from './world-context.ts';
import type { Account, Page, Posting, Segment } from './world-types.ts';

/** Postings are booked 09:00–20:00 Moscow time. */
const BOOKING_START_MS = 6 * HOUR_MS;
const BOOKING_DAY_MS = 11 * HOUR_MS;
/** Weekends see a tenth of a weekday's postings (card acquiring, automatic fees). */
const WEEKEND_FACTOR = 0.1;

/** Postings per working day, drawn per account between these bounds; currency accounts see a fifth. */
const DAILY_RATE: Readonly<Record<Segment, readonly [number, number]>> = {
  small: [0.3, 4],
  medium: [2, 20],
  large: [10, 60],
};

function dailyRate(ctx: WorldContext, profile: ClientProfile, slot: number, account: Account): number {
  const [min, max] = DAILY_RATE[profile.segment];
  const rate = min + (max - min) * unit(hash32(ctx.seed, STREAM.postingRate, profile.index, slot));
  return account.currency === 'RUB' ? rate : rate / 5;
}

function postingSeries(ctx: WorldContext, profile: ClientProfile, slot: number, account: Account): Series {
  const rate = dailyRate(ctx, profile, slot, account);
  // Keyed once per account; each day then costs two multiply-xorshift rounds, not a full hash.
  const countKey = hash32(ctx.seed, STREAM.postingCount, profile.index, slot);
  const timeKey = hash32(ctx.seed, STREAM.postingTime, profile.index, slot);
  return {
    origin: 0,
    bucketMs: DAY_MS,
    start: Math.max(ctx.historyFromMs, startOfDay(Date.parse(account.openedOn))),
    end: ctx.untilMs,
    countIn(day) {
      // 1970-01-01 was a Thursday: (day + 4) mod 7 is 0 on Sundays, 6 on Saturdays.
      const weekday = (day + 4) % 7;
      const expected = weekday === 0 || weekday === 6 ? rate * WEEKEND_FACTOR : rate;
      const h = mix32(countKey ^ mix32(day));
      return Math.floor(expected * (0.5 + (h & 0xffff) / 65_536) + (h >>> 16) / 65_536);
    },
    timeOf(day, k, count) {
      const jitter = unit(mix32(timeKey ^ mix32(day ^ mix32(k + 1))));
      return day * DAY_MS + BOOKING_START_MS + Math.floor(((k + jitter) / count) * BOOKING_DAY_MS);
    },
  };
}

/** One page of an account's history; posting n of an account is the same whatever page it is read on. */
export function postingsOf(
  ctx: WorldContext,
  profile: ClientProfile,
  slot: number,
  account: Account,
  window: PageWindow,
): Page<Posting> {
  const branch = homeBranch(profile.region);
  const page = pageSeries(
    postingSeries(ctx, profile, slot, account),
    window.from,
    window.to,
    window.offset,
    window.limit,
  );
  const items = page.entries.map(({ at, sequence }): Posting => {
    const rng = new Rng(ctx.seed, STREAM.posting, profile.index, slot, sequence);
    const content = postingContent(ctx, rng, profile, branch, account.currency, at);
    return {
      id: ctx.ids.encode('posting', profile.index, slot, sequence),
      accountId: account.id,
      sequence,
      bookedAt: isoDateTime(at),
      amountMinor: content.amountMinor,
      currency: account.currency,
      counterparty: content.counterparty,
      description: content.description,
    };
  });
  return { items, total: page.total, offset: window.offset, limit: window.limit };
}
