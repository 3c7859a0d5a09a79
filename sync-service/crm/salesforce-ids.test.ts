import { describe, expect, it } from 'vitest';
import { caseSafeId, type SalesforceId } from '../../contracts/crm/salesforce-id.ts';
import { neutralIdOf, salesforceIdOf } from './salesforce-ids.ts';

const id = (raw: string) => caseSafeId(raw) as SalesforceId;

/** Ids as a real org issues them: 15-character forms from Salesforce's docs and their 18-character ones. */
const REAL = [
  ['001', '001A0000006Vm9r', '001A0000006Vm9rIAC'],
  ['001', '001D000000IRFma', '001D000000IRFmaIAH'],
  ['003', '003D000000QOnGe', '003D000000QOnGeIAL'],
  ['a0X', 'a0XE000000D6r3F', 'a0XE000000D6r3FMAR'],
] as const;

describe('the neutral ids of Salesforce records', () => {
  it('asks a real org for its own ids, whichever form and case the neutral id has', () => {
    for (const [keyPrefix, id15, id18] of REAL) {
      expect(id(id15)).toBe(id18);
      expect(salesforceIdOf(keyPrefix, id15)).toBe(id18);
      expect(salesforceIdOf(keyPrefix, id18)).toBe(id18);
      expect(salesforceIdOf(keyPrefix, id18.toLowerCase())).toBe(id18);
    }
  });

  it('files a real org’s records under their canonical 18-character ids, and reads them back', () => {
    for (const [keyPrefix, id15, id18] of REAL) {
      const neutral = neutralIdOf(keyPrefix, id(id15));
      expect(neutral).toBe(id18);
      expect(salesforceIdOf(keyPrefix, neutral)).toBe(id18);
    }
  });

  it('numbers the CRM’s numbered ids, and an id of another object stays itself', () => {
    const numbered = salesforceIdOf('001', '42') as SalesforceId;
    expect(numbered).toMatch(/^0015g0[0-9A-Za-z]{12}$/);
    expect(neutralIdOf('001', numbered)).toBe('42');
    // The same id read where a Contact is expected is not a Contact's number.
    expect(neutralIdOf('003', numbered)).toBe(numbered);
    expect(salesforceIdOf('003', numbered)).toBe(numbered);
  });

  it('reads every id back as itself through its neutral id', () => {
    const ids = [
      ...REAL.map(([, id15]) => id15),
      '001000000000001', // all digits: an id, not a 15-digit number
      '0015g0000000042', // on the numbered pod
      '0015g0zzzzzzzzz', // on it, but past the numbers' range
      '00Q5g0000000007', // a Lead where a Contact is expected (WhoId)
    ];
    for (const raw of ids)
      for (const keyPrefix of ['001', '003'])
        expect(salesforceIdOf(keyPrefix, neutralIdOf(keyPrefix, id(raw)))).toBe(id(raw));
  });

  it('cannot name in Salesforce what is neither an id nor a record number', () => {
    for (const neutral of ['', 'not-a-crm-id', '042', '1.5', '-1', '001A0000006Vm9rZAC', '1234567890123456'])
      expect(salesforceIdOf('001', neutral)).toBeUndefined();
  });
});
