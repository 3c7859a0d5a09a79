import { describe, expect, it } from 'vitest';
import { isCentralBankBic, isValidBic } from './bic.ts';

describe('BIC', () => {
  it('accepts real BICs of Russian banks', () => {
    for (const bic of ['044525225', '044525974', '044030653', '049805746'])
      expect(isValidBic(bic), bic).toBe(true);
  });

  it('rejects non-Russian prefixes, wrong lengths and SWIFT codes', () => {
    for (const bic of ['014525225', '04452522', '0445252250', 'SABRRUMM', ''])
      expect(isValidBic(bic), bic).toBe(false);
  });

  it('tells the Bank of Russia’s own divisions (000–002) from credit institutions', () => {
    expect(isCentralBankBic('049805000')).toBe(true);
    expect(isCentralBankBic('044525002')).toBe(true);
    expect(isCentralBankBic('049805746')).toBe(false);
  });
});
