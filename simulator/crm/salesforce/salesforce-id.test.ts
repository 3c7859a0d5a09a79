import { describe, expect, it } from 'vitest';
import { MAX_RECORD_NUMBER } from '../../../contracts/crm/salesforce-record-number.ts';
import { parseSalesforceId, salesforceId } from './salesforce-id.ts';

describe('the simulated org’s Salesforce ids', () => {
  it('encodes store ids into 18-character ids with the object key prefix and decodes them back', () => {
    for (const number of [0, 1, 61, 62, 3_843, 1_000_000, MAX_RECORD_NUMBER]) {
      const id = salesforceId('003', number);
      expect(id).toMatch(/^003[0-9A-Za-z]{15}$/);
      expect(parseSalesforceId(id)).toEqual({ kind: 'record', keyPrefix: '003', id18: id, number });
    }
    expect(salesforceId('001', 1)).not.toBe(salesforceId('003', 1));
    expect(() => salesforceId('001', MAX_RECORD_NUMBER + 1)).toThrow(RangeError);
  });

  it('accepts the 15-character form and an 18-character id in any letter case', () => {
    const id = salesforceId('a0X', 123_456_789);
    expect(parseSalesforceId(id.slice(0, 15))).toMatchObject({
      kind: 'record',
      id18: id,
      number: 123_456_789,
    });
    expect(parseSalesforceId(id.toLowerCase())).toMatchObject({ kind: 'record', id18: id });
    expect(parseSalesforceId(id.toUpperCase())).toMatchObject({ kind: 'record', id18: id });
  });

  it('tells malformed ids from well-formed ids of another org', () => {
    expect(parseSalesforceId('001')).toEqual({ kind: 'malformed' });
    expect(parseSalesforceId('001D000000IRFma!AH')).toEqual({ kind: 'malformed' });
    // A suffix that flags a digit as uppercase contradicts the id.
    expect(parseSalesforceId('001D000000IRFmaZZZ')).toEqual({ kind: 'malformed' });
    expect(parseSalesforceId('001D000000IRFmaIAH')).toEqual({
      kind: 'foreign',
      keyPrefix: '001',
      id18: '001D000000IRFmaIAH',
    });
  });
});
