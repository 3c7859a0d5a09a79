import { describe, expect, it } from 'vitest';
import { isValidAccountNumber, isValidCorrespondentAccount } from '../../contracts/ru/account-number.ts';
import { isValidBic } from '../../contracts/ru/bic.ts';
import { isValidLegalEntityInn } from '../../contracts/ru/inn.ts';
import { isValidKpp } from '../../contracts/ru/kpp.ts';
import { isValidOgrn } from '../../contracts/ru/ogrn.ts';
import { HOME_BANK, homeBankAccount, homeBranches, OTHER_BANKS } from './bank.ts';
import { REGIONS } from './regions.ts';

describe('banks', () => {
  it('gives the home bank valid identifiers and one branch per region, each with its own BIC', () => {
    expect(isValidLegalEntityInn(HOME_BANK.inn)).toBe(true);
    expect(isValidKpp(HOME_BANK.kpp)).toBe(true);
    expect(isValidOgrn(HOME_BANK.ogrn)).toBe(true);
    const branches = homeBranches();
    expect(branches.map((branch) => branch.regionCode)).toEqual(REGIONS.map((region) => region.code));
    expect(new Set(branches.map((branch) => branch.bic)).size).toBe(branches.length);
    for (const branch of branches) {
      expect(isValidBic(branch.bic)).toBe(true);
      expect(isValidCorrespondentAccount(branch.correspondentAccount, branch.bic)).toBe(true);
      expect(isValidAccountNumber(homeBankAccount('fee-income', branch), branch.bic)).toBe(true);
      expect(isValidAccountNumber(homeBankAccount('payroll', branch), branch.bic)).toBe(true);
    }
  });

  it('lists other banks with matching BIC and correspondent account, none sharing the home bank’s BICs', () => {
    const home = new Set(homeBranches().map((branch) => branch.bic));
    for (const bank of OTHER_BANKS) {
      expect(isValidCorrespondentAccount(bank.correspondentAccount, bank.bic), bank.name).toBe(true);
      expect(home.has(bank.bic)).toBe(false);
    }
  });
});
