import { describe, expect, it } from 'vitest';
import {
  accountNumber,
  correspondentAccount,
  isValidAccountNumber,
  isValidCorrespondentAccount,
} from '../../contracts/ru/account-number.ts';
import { Rng } from './prng.ts';

// Public correspondent accounts of large banks, each with its BIC.
const REAL_CORRESPONDENT_ACCOUNTS: readonly (readonly [string, string])[] = [
  ['30101810400000000225', '044525225'], // Сбербанк
  ['30101810700000000187', '044525187'], // ВТБ
  ['30101810200000000593', '044525593'], // Альфа-Банк
  ['30101810145250000974', '044525974'], // ТБанк
  ['30101810200000000700', '044525700'], // Райффайзенбанк
  ['30101810500000000653', '044030653'], // Северо-Западный банк Сбербанка
];

describe('account number control key', () => {
  it('matches the worked examples of the Bank of Russia (order 515 of 08.09.1997)', () => {
    // Client account at a credit institution: key from the bank's number 746 (BIC digits 7–9).
    expect(accountNumber({ balance: '40602', currency: '810', rest: '00000000025' }, '049805746')).toBe(
      '40602810700000000025',
    );
    expect(isValidAccountNumber('40602810700000000025', '049805746')).toBe(true);
    // Correspondent account at the Bank of Russia: key from 0 + BIC digits 5–6, "005".
    expect(isValidCorrespondentAccount('30101810800000000746', '049805746')).toBe(true);
    expect(isValidAccountNumber('30101810800000000746', '049805000')).toBe(true);
  });

  it('accepts real correspondent accounts and rebuilds the usual 30101810K00000000NNN layout from the BIC', () => {
    for (const [account, bic] of REAL_CORRESPONDENT_ACCOUNTS) {
      expect(isValidCorrespondentAccount(account, bic), account).toBe(true);
      // ТБанк's carries its territory digits (…145250000974): valid, just not the layout we build.
      if (account.slice(9, 17) === '00000000') expect(correspondentAccount(bic)).toBe(account);
    }
  });

  it('accepts a real settlement account from a bank statement', () => {
    expect(isValidAccountNumber('40702810800001400002', '044525700')).toBe(true);
  });

  it('rejects every other key, another bank’s BIC, and a corr account of another bank', () => {
    const good = '40602810700000000025';
    for (let key = 0; key <= 9; key++) {
      const changed = `${good.slice(0, 8)}${key}${good.slice(9)}`;
      if (changed !== good) expect(isValidAccountNumber(changed, '049805746'), changed).toBe(false);
    }
    expect(isValidAccountNumber(good, '049805745')).toBe(false);
    expect(isValidCorrespondentAccount('30101810400000000225', '044525187')).toBe(false);
    expect(isValidAccountNumber('4060281070000000002', '049805746')).toBe(false);
  });

  it('catches any single-digit typo in a generated account', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 2000; i++) {
      const bic = `04${rng.digits(4)}${String(rng.int(50, 999)).padStart(3, '0')}`;
      const account = accountNumber({ balance: '40702', currency: '810', rest: rng.digits(11) }, bic);
      expect(isValidAccountNumber(account, bic)).toBe(true);
      const position = rng.int(0, 19);
      const digit = (Number(account[position]) + rng.int(1, 9)) % 10;
      // Weights 7, 1 and 3 are all coprime to 10, so a changed digit always changes the sum's last digit.
      expect(
        isValidAccountNumber(`${account.slice(0, position)}${digit}${account.slice(position + 1)}`, bic),
      ).toBe(false);
    }
  });
});
