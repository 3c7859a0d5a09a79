import { accountNumber, correspondentAccount } from '../../contracts/ru/account-number.ts';
import { legalEntityInn } from '../../contracts/ru/inn.ts';
import { KPP_REASON_HEAD_OFFICE, kpp } from '../../contracts/ru/kpp.ts';
import { ogrn } from '../../contracts/ru/ogrn.ts';
import { REGIONS, type Region } from './regions.ts';

/**
 * The bank whose clients the world holds (fictional: its numbers are valid but belong to nobody we
 * know of), with one branch per region, and the real banks its clients' counterparties use.
 */
export interface BankBranch {
  readonly regionCode: string;
  readonly bic: string;
  readonly correspondentAccount: string;
  /** Digits 10–13 of account numbers opened at this branch. */
  readonly branchCode: string;
}

export interface Bank {
  readonly shortName: string;
  readonly fullName: string;
  readonly inn: string;
  readonly kpp: string;
  readonly ogrn: string;
}

export const HOME_BANK: Bank = {
  shortName: 'АО «КорБридж Банк»',
  fullName: 'Акционерное общество «КорБридж Банк»',
  inn: legalEntityInn('770991357'),
  kpp: kpp('7709', KPP_REASON_HEAD_OFFICE, '001'),
  ogrn: ogrn('102770991357'),
};

/** Bank numbers (last three BIC digits) 9xx, one per region, in REGIONS order. */
const BRANCHES: ReadonlyMap<string, BankBranch> = new Map(
  REGIONS.map((region, n) => {
    const bic = `${region.bicPrefix}${910 + n}`;
    const branch = {
      regionCode: region.code,
      bic,
      correspondentAccount: correspondentAccount(bic),
      branchCode: `${5000 + n}`,
    };
    return [region.code, branch];
  }),
);

export function homeBranch(region: Region): BankBranch {
  const branch = BRANCHES.get(region.code);
  if (!branch)
    throw new Error(`Failed to find the bank's branch for region ${region.code}: add it to REGIONS.`);
  return branch;
}

export function homeBranches(): readonly BankBranch[] {
  return [...BRANCHES.values()];
}

/** The bank's own accounts a client's postings touch: fee income (70601) and payroll transit (30232). */
export function homeBankAccount(purpose: 'fee-income' | 'payroll', branch: BankBranch): string {
  const balance = purpose === 'fee-income' ? '70601' : '30232';
  return accountNumber({ balance, currency: '810', rest: `${branch.branchCode}0000001` }, branch.bic);
}

export interface OtherBank {
  readonly name: string;
  readonly bic: string;
  readonly correspondentAccount: string;
}

/** Public requisites of large Russian banks, where counterparties outside the world keep accounts. */
export const OTHER_BANKS: readonly OtherBank[] = [
  { name: 'ПАО Сбербанк', bic: '044525225', correspondentAccount: '30101810400000000225' },
  { name: 'Банк ВТБ (ПАО)', bic: '044525187', correspondentAccount: '30101810700000000187' },
  { name: 'АО «Альфа-Банк»', bic: '044525593', correspondentAccount: '30101810200000000593' },
  { name: 'АО «ТБанк»', bic: '044525974', correspondentAccount: '30101810145250000974' },
  { name: 'Банк ГПБ (АО)', bic: '044525823', correspondentAccount: '30101810200000000823' },
  { name: 'АО «Райффайзенбанк»', bic: '044525700', correspondentAccount: '30101810200000000700' },
  {
    name: 'Северо-Западный банк ПАО Сбербанк',
    bic: '044030653',
    correspondentAccount: '30101810500000000653',
  },
  { name: 'Уральский банк ПАО Сбербанк', bic: '046577674', correspondentAccount: '30101810500000000674' },
];
