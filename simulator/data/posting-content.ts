import type { BankBranch } from './bank.ts';
import type { ClientProfile } from './client-profile.ts';
import { bankCounterparty, outsideCounterparty, worldClientCounterparty } from './counterparty.ts';
import { russianDate, yearOf } from './dates.ts';
import type { Rng } from './prng.ts';
import type { WorldContext } from './world-context.ts';
import type { Counterparty, Currency, Segment } from './world-types.ts';

/** What a posting is: amount (signed), the other side and the payment purpose, as a payment order prints it. */
export interface PostingContent {
  readonly amountMinor: number;
  readonly counterparty: Counterparty;
  readonly description: string;
}

type Kind = 'incoming' | 'outgoing' | 'fee' | 'payroll';

const PURPOSES = [
  'поставку товара',
  'оказание услуг',
  'выполнение работ',
  'аренду помещения',
  'транспортные услуги',
  'поставку оборудования',
  'консультационные услуги',
  'программное обеспечение',
  'строительные материалы',
];

const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

/** Amounts: a 3-digit mantissa times 10^exponent kopecks, exponents by segment. */
const EXPONENTS: Readonly<Record<Segment, readonly [number, number]>> = {
  small: [2, 5],
  medium: [3, 6],
  large: [4, 7],
};

/** VAT was 18 % until 2019, 20 % until 2026, 22 % since. */
function vatRate(bookedMs: number): number {
  const year = yearOf(bookedMs);
  return year < 2019 ? 18 : year < 2026 ? 20 : 22;
}

function roubles(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

function previousMonth(bookedMs: number): string {
  const date = new Date(bookedMs);
  const month = (date.getUTCMonth() + 11) % 12;
  return `${MONTHS[month]} ${month === 11 ? date.getUTCFullYear() - 1 : date.getUTCFullYear()}`;
}

export function postingContent(
  ctx: WorldContext,
  rng: Rng,
  profile: ClientProfile,
  branch: BankBranch,
  currency: Currency,
  bookedMs: number,
): PostingContent {
  const kind = rng.weighted<Kind>(
    currency === 'RUB'
      ? [
          ['incoming', 45],
          ['outgoing', 40],
          ['fee', 10],
          ['payroll', 5],
        ]
      : [
          ['incoming', 45],
          ['outgoing', 45],
          ['fee', 10],
        ],
  );
  const document = rng.int(1, 9999);
  if (kind === 'fee') {
    return {
      amountMinor: -rng.int(50, 5000) * 100,
      counterparty: bankCounterparty('fee-income', branch),
      description: rng.chance(0.5)
        ? `Комиссия за ведение счёта за ${previousMonth(bookedMs)}. НДС не облагается`
        : `Комиссия за перевод по платёжному поручению № ${document}. НДС не облагается`,
    };
  }
  const [minExponent, maxExponent] = EXPONENTS[profile.segment];
  const amount = rng.int(100, 999) * 10 ** rng.int(minExponent, maxExponent);
  if (kind === 'payroll') {
    return {
      amountMinor: -amount * 10,
      counterparty: bankCounterparty('payroll', branch),
      description: `Перечисление заработной платы за ${previousMonth(bookedMs)} по реестру № ${document}. НДС не облагается`,
    };
  }
  const counterparty =
    currency === 'RUB' && ctx.clients > 1 && rng.chance(0.6)
      ? worldClientCounterparty(ctx, rng, profile.index)
      : outsideCounterparty(rng, currency);
  const issuedOn = russianDate(bookedMs - rng.int(0, 20) * 86_400_000);
  let description: string;
  if (currency !== 'RUB') {
    description = `Оплата по контракту № ${document}-${yearOf(bookedMs)} от ${issuedOn}. Без НДС`;
  } else {
    const rate = vatRate(bookedMs);
    const vat = rng.chance(0.6)
      ? `В т.ч. НДС (${rate}%) ${roubles(Math.round((amount * rate) / (100 + rate)))} руб.`
      : 'НДС не облагается';
    description = `Оплата по счёту № ${document} от ${issuedOn} за ${rng.pick(PURPOSES)}. ${vat}`;
  }
  return { amountMinor: kind === 'incoming' ? amount : -amount, counterparty, description };
}
