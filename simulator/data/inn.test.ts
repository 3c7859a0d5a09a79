import { describe, expect, it } from 'vitest';
import {
  individualInn,
  isValidIndividualInn,
  isValidInn,
  isValidLegalEntityInn,
  legalEntityInn,
} from '../../contracts/ru/inn.ts';
import { Rng } from './prng.ts';

// Published INNs of well-known companies (from their own requisites pages and the tax register).
const REAL_LEGAL_ENTITY_INNS = [
  '7707083893', // ПАО Сбербанк
  '7702070139', // Банк ВТБ
  '7728168971', // Альфа-Банк
  '7710140679', // ТБанк
  '7736050003', // ПАО Газпром
  '7736207543', // ООО Яндекс
  '7830002293', // the FNS's own worked example
];

describe('legal-entity INN', () => {
  it('accepts real INNs', () => {
    for (const inn of REAL_LEGAL_ENTITY_INNS) expect(isValidLegalEntityInn(inn), inn).toBe(true);
  });

  it('computes the control digit of a real INN from its first nine digits', () => {
    expect(legalEntityInn('770708389')).toBe('7707083893');
    expect(legalEntityInn('773620754')).toBe('7736207543');
  });

  it('rejects every wrong control digit, wrong lengths, letters and the zero region', () => {
    for (const inn of REAL_LEGAL_ENTITY_INNS) {
      for (let digit = 0; digit <= 9; digit++) {
        const changed = `${inn.slice(0, 9)}${digit}`;
        if (changed !== inn) expect(isValidLegalEntityInn(changed), changed).toBe(false);
      }
    }
    for (const bad of ['770708389', '77070838933', '77070838a3', '', '0000000000']) {
      expect(isValidLegalEntityInn(bad), bad).toBe(false);
    }
  });

  it('builds valid INNs from any nine digits', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 10_000; i++) {
      const inn = legalEntityInn(`${rng.int(1, 9)}${rng.digits(8)}`);
      expect(isValidLegalEntityInn(inn)).toBe(true);
      expect(isValidInn(inn)).toBe(true);
    }
  });
});

describe('individual INN', () => {
  it('accepts the FNS worked example and computes both control digits', () => {
    expect(isValidIndividualInn('500100732259')).toBe(true);
    expect(individualInn('5001007322')).toBe('500100732259');
  });

  it('rejects a change to either control digit', () => {
    expect(isValidIndividualInn('500100732269')).toBe(false);
    expect(isValidIndividualInn('500100732258')).toBe(false);
    expect(isValidIndividualInn('5001007322590')).toBe(false);
  });

  it('builds valid INNs from any ten digits, never mistaken for a legal entity', () => {
    const rng = new Rng(2);
    for (let i = 0; i < 10_000; i++) {
      const inn = individualInn(`${rng.int(1, 9)}${rng.digits(9)}`);
      expect(isValidIndividualInn(inn)).toBe(true);
      expect(isValidLegalEntityInn(inn)).toBe(false);
      expect(isValidInn(inn)).toBe(true);
    }
  });
});
