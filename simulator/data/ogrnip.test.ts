import { describe, expect, it } from 'vitest';
import { isValidOgrnip, ogrnip } from '../../contracts/ru/ogrnip.ts';
import { Rng } from './prng.ts';

// OGRNIPs from published requisites of sole proprietors (the first one is the FNS's usual example).
const REAL_OGRNIPS = ['304500116000157', '304770000092851', '304540707500034'];

describe('OGRNIP', () => {
  it('accepts real OGRNIPs and recomputes their control digit: (first 14 mod 13) mod 10', () => {
    for (const value of REAL_OGRNIPS) {
      expect(isValidOgrnip(value), value).toBe(true);
      expect(ogrnip(value.slice(0, 14))).toBe(value);
    }
  });

  it('rejects wrong control digits, an OGRN, and a legal-entity sign', () => {
    for (const value of REAL_OGRNIPS) {
      for (let digit = 0; digit <= 9; digit++) {
        const changed = `${value.slice(0, 14)}${digit}`;
        if (changed !== value) expect(isValidOgrnip(changed), changed).toBe(false);
      }
    }
    expect(isValidOgrnip('1027700132195')).toBe(false);
    expect(isValidOgrnip(ogrnip('10450011600015'))).toBe(false);
  });

  it('builds valid OGRNIPs from any 14 digits starting with 3', () => {
    const rng = new Rng(4);
    for (let i = 0; i < 10_000; i++) expect(isValidOgrnip(ogrnip(`3${rng.digits(13)}`))).toBe(true);
  });
});
