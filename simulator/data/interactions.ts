import type { ClientProfile } from './client-profile.ts';
import { contactId } from './contacts.ts';
import { DAY_MS, HOUR_MS, isoDateTime } from './dates.ts';
import type { PageWindow } from './page-window.ts';
import { hash32, mix32, Rng, unit } from './prng.ts';
import { pageSeries, type Series } from './series.ts';
import { STREAM, type WorldContext } from './world-context.ts';
import type { Interaction, InteractionChannel, Page, Segment } from './world-types.ts';

/** Weeks start on Monday (1970-01-05); interactions fall on weekdays, 09:00–19:00 Moscow time. */
const WEEK_ORIGIN_MS = 4 * DAY_MS;
const WEEK_MS = 7 * DAY_MS;
const WORKDAY_START_MS = 6 * HOUR_MS;
const WORKDAY_MS = 10 * HOUR_MS;

/** Mean interactions a week: bigger clients talk to their manager more. */
const WEEKLY_RATE: Readonly<Record<Segment, number>> = { small: 0.15, medium: 0.35, large: 0.7 };

const SUMMARIES: Readonly<Record<InteractionChannel, readonly string[]>> = {
  call: [
    'Уточнение реквизитов для платежа',
    'Вопрос по списанию комиссии',
    'Консультация по тарифу',
    'Блокировка ключа подписи',
  ],
  email: ['Запрос выписки по счёту', 'Отправлены документы по валютному контролю', 'Предложение по депозиту'],
  meeting: [
    'Обсуждение кредитной линии',
    'Подписание дополнительного соглашения',
    'Знакомство с новым директором',
  ],
  chat: ['Не проходит платёж', 'Как добавить сотрудника в интернет-банк', 'Запрос справки об оборотах'],
};

function interactionSeries(ctx: WorldContext, profile: ClientProfile): Series {
  const rate = WEEKLY_RATE[profile.segment];
  // Keyed once per client; each week then costs two multiply-xorshift rounds, not a full hash.
  const countKey = hash32(ctx.seed, STREAM.interactionCount, profile.index);
  const timeKey = hash32(ctx.seed, STREAM.interactionTime, profile.index);
  return {
    origin: WEEK_ORIGIN_MS,
    bucketMs: WEEK_MS,
    start: Math.max(ctx.historyFromMs, profile.registeredMs),
    end: ctx.untilMs,
    countIn(week) {
      const h = mix32(countKey ^ mix32(week));
      // Stochastic rounding keeps the mean at `rate` while most weeks stay quiet.
      return Math.floor(rate * (0.5 + (h & 0xffff) / 65_536) + (h >>> 16) / 65_536);
    },
    timeOf(week, k, count) {
      const position = ((k + unit(mix32(timeKey ^ mix32(week ^ mix32(k + 1))))) / count) * 5;
      const day = Math.floor(position);
      return (
        WEEK_ORIGIN_MS +
        week * WEEK_MS +
        day * DAY_MS +
        WORKDAY_START_MS +
        Math.floor((position - day) * WORKDAY_MS)
      );
    },
  };
}

export function interactionsOf(
  ctx: WorldContext,
  profile: ClientProfile,
  window: PageWindow,
): Page<Interaction> {
  const clientId = ctx.ids.encode('client', profile.index);
  const page = pageSeries(
    interactionSeries(ctx, profile),
    window.from,
    window.to,
    window.offset,
    window.limit,
  );
  const items = page.entries.map(({ at, sequence }): Interaction => {
    const rng = new Rng(ctx.seed, STREAM.interaction, profile.index, sequence);
    const channel = rng.weighted<InteractionChannel>([
      ['call', 40],
      ['email', 35],
      ['meeting', 10],
      ['chat', 15],
    ]);
    return {
      id: ctx.ids.encode('interaction', profile.index, 0, sequence),
      clientId,
      contactId: contactId(ctx, profile.index, rng.int(0, profile.contactCount - 1)),
      sequence,
      at: isoDateTime(at),
      channel,
      direction: channel === 'chat' || rng.chance(0.5) ? 'inbound' : 'outbound',
      summary: rng.pick(SUMMARIES[channel]),
    };
  });
  return { items, total: page.total, offset: window.offset, limit: window.limit };
}
