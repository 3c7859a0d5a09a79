import { accountNumber } from '../../contracts/ru/account-number.ts';
import { homeBranch } from './bank.ts';
import { type ClientProfile, clientProfile } from './client-profile.ts';
import { DAY_MS, isoDate, startOfDay } from './dates.ts';
import { Rng } from './prng.ts';
import { STREAM, type WorldContext } from './world-context.ts';
import type { Account, Currency, Segment } from './world-types.ts';

/** Digits 6–8 of an account number; roubles keep the pre-ISO code 810. */
export const CURRENCY_CODES: Readonly<Record<Currency, string>> = {
  RUB: '810',
  USD: '840',
  EUR: '978',
  CNY: '156',
};

/** Serial numbers are index × this + slot, so they never collide and fit 7 digits up to 2 million clients. */
export const ACCOUNT_SLOTS = 5;

/** Opening balances: a 3-digit mantissa times 10^exponent kopecks, exponents by segment. */
const BALANCE_EXPONENTS: Readonly<Record<Segment, readonly [number, number]>> = {
  small: [2, 6],
  medium: [4, 7],
  large: [5, 8],
};

export function accountId(ctx: WorldContext, index: number, slot: number): string {
  return ctx.ids.encode('account', index, slot);
}

/** The number of the client's first account: always in roubles, the account counterparties pay to. */
export function primaryAccountNumber(profile: ClientProfile): string {
  return numberOf(profile, 0, 'RUB');
}

function numberOf(profile: ClientProfile, slot: number, currency: Currency): string {
  const branch = homeBranch(profile.region);
  const serial = String(profile.index * ACCOUNT_SLOTS + slot).padStart(7, '0');
  return accountNumber(
    {
      balance: profile.kind === 'legal-entity' ? '40702' : '40802',
      currency: CURRENCY_CODES[currency],
      rest: `${branch.branchCode}${serial}`,
    },
    branch.bic,
  );
}

/** Slot 0 first, each later account opened after the one before (so slot order is opening order). */
export function accountsOf(ctx: WorldContext, profile: ClientProfile): Account[] {
  const accounts: Account[] = [];
  const clientId = ctx.ids.encode('client', profile.index);
  const { bic } = homeBranch(profile.region);
  let openedMs = profile.registeredMs;
  for (let slot = 0; slot < profile.accountCount; slot++) {
    const rng = new Rng(ctx.seed, STREAM.account, profile.index, slot);
    const currency: Currency =
      slot === 0
        ? 'RUB'
        : rng.weighted<Currency>([
            ['RUB', 50],
            ['USD', 15],
            ['EUR', 10],
            ['CNY', 25],
          ]);
    const room = ctx.untilMs - DAY_MS - openedMs;
    openedMs = startOfDay(
      openedMs + Math.floor(rng.float() * (slot === 0 ? Math.min(room, 60 * DAY_MS) : room / 2)),
    );
    const [minExponent, maxExponent] = BALANCE_EXPONENTS[profile.segment];
    accounts.push({
      id: accountId(ctx, profile.index, slot),
      clientId,
      number: numberOf(profile, slot, currency),
      currency,
      bic,
      openingBalanceMinor: rng.chance(0.1) ? 0 : rng.int(100, 999) * 10 ** rng.int(minExponent, maxExponent),
      openedOn: isoDate(openedMs),
    });
  }
  return accounts;
}

/** The account an id names, or undefined when the id is no account of this world. */
export function accountByIdIn(ctx: WorldContext, id: string): FoundAccount | undefined {
  const parts = ctx.ids.decode(id);
  if (parts?.entity !== 'account' || parts.index >= ctx.clients || parts.serial !== 0) return undefined;
  const profile = clientProfile(ctx, parts.index);
  const account = accountsOf(ctx, profile)[parts.slot];
  return account && { account, profile, slot: parts.slot };
}

export interface FoundAccount {
  readonly account: Account;
  readonly profile: ClientProfile;
  readonly slot: number;
}
