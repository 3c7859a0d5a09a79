import { accountNumber } from '../../contracts/ru/account-number.ts';
import { legalEntityInn } from '../../contracts/ru/inn.ts';
import { CURRENCY_CODES, primaryAccountNumber } from './accounts.ts';
import { type BankBranch, HOME_BANK, homeBankAccount, homeBranch, OTHER_BANKS } from './bank.ts';
import { brandName } from './brand.ts';
import { clientProfile } from './client-profile.ts';
import { organisationOf } from './organisation.ts';
import type { Rng } from './prng.ts';
import { REGIONS } from './regions.ts';
import type { WorldContext } from './world-context.ts';
import type { Counterparty, Currency } from './world-types.ts';

/** Another client of the world, so its INN and account are the ones the world gives it everywhere. */
export function worldClientCounterparty(ctx: WorldContext, rng: Rng, payerIndex: number): Counterparty {
  let index = rng.int(0, ctx.clients - 2);
  if (index >= payerIndex) index++;
  const profile = clientProfile(ctx, index);
  const organisation = organisationOf(ctx, profile);
  return {
    name: organisation.shortName,
    inn: organisation.inn,
    accountNumber: primaryAccountNumber(profile),
    bic: homeBranch(profile.region).bic,
    clientIndex: index,
  };
}

/** A company outside the world, banking with one of the large banks. */
export function outsideCounterparty(rng: Rng, currency: Currency): Counterparty {
  const bank = rng.pick(OTHER_BANKS);
  const region = rng.pick(REGIONS);
  const taxOffice = `${region.code}${String(rng.int(1, region.taxOffices)).padStart(2, '0')}`;
  return {
    name: `ООО «${brandName(rng)}»`,
    inn: legalEntityInn(`${taxOffice}${rng.digits(5)}`),
    accountNumber: accountNumber(
      { balance: '40702', currency: CURRENCY_CODES[currency], rest: rng.digits(11) },
      bank.bic,
    ),
    bic: bank.bic,
    clientIndex: null,
  };
}

/** The bank itself: where fees and payroll transfers go. */
export function bankCounterparty(purpose: 'fee-income' | 'payroll', branch: BankBranch): Counterparty {
  return {
    name: HOME_BANK.shortName,
    inn: HOME_BANK.inn,
    accountNumber: homeBankAccount(purpose, branch),
    bic: branch.bic,
    clientIndex: null,
  };
}
