import { describe, expect, it } from 'vitest';
import { validateBankFields } from './validate-bank-fields.ts';

const bankOwns = () => 'bank' as const;

describe('validateBankFields', () => {
  it('refuses an INN, KPP or OGRN whose check digits fail, naming the field', () => {
    expect(
      validateBankFields('company', { inn: 'abc', kpp: '7736010Z1', ogrn: '1027700132194' }, bankOwns),
    ).toEqual([
      { code: 'INVALID_FIELD', message: expect.stringMatching(/^company\.inn: not an INN/) },
      { code: 'INVALID_FIELD', message: expect.stringMatching(/^company\.kpp: not a KPP/) },
      { code: 'INVALID_FIELD', message: expect.stringMatching(/^company\.ogrn: not an OGRN/) },
    ]);
    // Ten digits are not enough: the last is the control digit of the nine before it.
    expect(validateBankFields('company', { inn: '7707083894' }, bankOwns)).toHaveLength(1);
  });

  it('takes valid ones and refuses fields the entity does not have', () => {
    expect(
      validateBankFields('company', { inn: '7707083893', kpp: '773601001', ogrn: '1027700132195' }, bankOwns),
    ).toEqual([]);
    expect(validateBankFields('company', { isAdmin: true }, bankOwns)).toEqual([
      { code: 'UNKNOWN_FIELD', message: expect.stringContaining('company has no field "isAdmin"') },
    ]);
  });
});
