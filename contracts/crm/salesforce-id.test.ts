import { describe, expect, it } from 'vitest';
import { caseSafeId, caseSafeSuffix, keyPrefixOf, salesforceIdSchema } from './salesforce-id.ts';
import { MAX_RECORD_NUMBER, numberedSalesforceId, recordNumberOf } from './salesforce-record-number.ts';

/**
 * The checksum as the published descriptions of Salesforce's algorithm spell it out, written apart
 * from the code under test: reverse each 5-character chunk, write 1 for an uppercase letter and 0
 * for anything else, read the bits as a binary number, index A–Z0–5 with it.
 */
function referenceSuffix(id15: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  return [0, 5, 10]
    .map((start) => {
      const reversed = [...id15.slice(start, start + 5)].reverse();
      const bits = reversed.map((char) => (/[A-Z]/.test(char) ? '1' : '0')).join('');
      return alphabet.charAt(Number.parseInt(bits, 2));
    })
    .join('');
}

/** 15-character ids of real orgs, as Salesforce's docs and the published converters show them, with their 18-character forms. */
const REAL_IDS: ReadonlyArray<readonly [string, string]> = [
  ['001A0000006Vm9r', '001A0000006Vm9rIAC'],
  ['001D000000IRFma', '001D000000IRFmaIAH'],
  ['00190000001pPvH', '00190000001pPvHAAU'],
  ['a0D30000001n7Pi', 'a0D30000001n7PiEAI'],
  ['a0RE000000IJmcN', 'a0RE000000IJmcNMAT'],
  ['a01M00000062mPg', 'a01M00000062mPgIAI'],
  ['001M000000qfPyS', '001M000000qfPySIAU'],
  ['a0FE000000D6r3F', 'a0FE000000D6r3FMAR'],
  ['0F9E000000092w2', '0F9E000000092w2KAA'],
  ['AbCdEfGhIjKlMnO', 'AbCdEfGhIjKlMnOVKV'],
  ['aBcDEfgHIJKLMNO', 'aBcDEfgHIJKLMNO025'],
  ['000000000000000', '000000000000000AAA'],
];

describe('Salesforce ids on the wire', () => {
  it.each(REAL_IDS)('computes the case-safe checksum of %s as Salesforce does', (id15, id18) => {
    expect(referenceSuffix(id15)).toBe(id18.slice(15));
    expect(caseSafeSuffix(id15)).toBe(referenceSuffix(id15));
    expect(caseSafeId(id15)).toBe(id18);
  });

  it.each(REAL_IDS)('reads the 18-character form of %s in any letter case back to itself', (id15, id18) => {
    for (const raw of [id18, id18.toLowerCase(), id18.toUpperCase()]) {
      expect(caseSafeId(raw)).toBe(id18);
      expect(caseSafeId(raw)?.slice(0, 15)).toBe(id15);
    }
    expect(keyPrefixOf(caseSafeId(id15) as never)).toBe(id15.slice(0, 3));
  });

  it('refuses what is not an id: wrong length or characters, or a checksum that flags a digit', () => {
    for (const raw of [
      '',
      '001',
      '001A0000006Vm9',
      '001A0000006Vm9rI',
      '001A0000006Vm9rIACX',
      '001A0000006Vm9r!AC',
    ])
      expect(caseSafeId(raw)).toBeUndefined();
    // Z = 11001: it flags the first character of "001A0", a digit.
    expect(caseSafeId('001A0000006Vm9rZAC')).toBeUndefined();
    expect(salesforceIdSchema.safeParse('not-a-crm-id').success).toBe(false);
    expect(salesforceIdSchema.parse('001a0000006vm9riac')).toBe('001A0000006Vm9rIAC');
  });
});

describe('CRM record numbers in Salesforce ids', () => {
  it('reads numbered ids back to their numbers, and no id of a real org as a number', () => {
    for (const number of [0, 1, 62, 1_000_000, MAX_RECORD_NUMBER]) {
      const id = numberedSalesforceId('001', number);
      expect(caseSafeId(id)).toBe(id);
      expect(recordNumberOf(id)).toBe(number);
    }
    for (const [id15] of REAL_IDS) expect(recordNumberOf(caseSafeId(id15) as never)).toBeUndefined();
  });

  it('leaves ids on the numbered pod but past the numbers’ range as ids', () => {
    expect(recordNumberOf(caseSafeId('0015g0zzzzzzzzz') as never)).toBeUndefined();
    expect(() => numberedSalesforceId('001', MAX_RECORD_NUMBER + 1)).toThrow(RangeError);
  });
});
