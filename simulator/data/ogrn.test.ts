import { describe, expect, it } from 'vitest';
import { isValidOgrn, ogrn } from '../../contracts/ru/ogrn.ts';
import { Rng } from './prng.ts';

// Published OGRNs: Сбербанк, Яндекс, Газпром, ТБанк, ВТБ, Альфа-Банк.
const REAL_OGRNS = [
  '1027700132195',
  '1027700229193',
  '1027700070518',
  '1027739642281',
  '1027739609391',
  '1027700067328',
];

describe('OGRN', () => {
  it('accepts real OGRNs and recomputes their control digit: (first 12 mod 11) mod 10', () => {
    for (const value of REAL_OGRNS) {
      expect(isValidOgrn(value), value).toBe(true);
      expect(ogrn(value.slice(0, 12))).toBe(value);
    }
  });

  it('rejects wrong control digits, lengths and signs', () => {
    for (const value of REAL_OGRNS) {
      for (let digit = 0; digit <= 9; digit++) {
        const changed = `${value.slice(0, 12)}${digit}`;
        if (changed !== value) expect(isValidOgrn(changed), changed).toBe(false);
      }
    }
    // A sole proprietor's sign (3) or a 15-digit OGRNIP is no OGRN.
    expect(isValidOgrn(ogrn('302770013219'))).toBe(false);
    expect(isValidOgrn('304500116000157')).toBe(false);
  });

  it('turns a remainder of 10 into the control digit 0', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) {
      const prefix = `1${rng.digits(11)}`;
      if (Number(prefix) % 11 === 10) {
        expect(ogrn(prefix).at(-1)).toBe('0');
        return;
      }
    }
    throw new Error('No prefix with remainder 10 found: the generator is broken.');
  });
});
