import { caseSafeId, keyPrefixOf, type SalesforceId } from '../../contracts/crm/salesforce-id.ts';
import {
  MAX_RECORD_NUMBER,
  numberedSalesforceId,
  recordNumberOf,
} from '../../contracts/crm/salesforce-record-number.ts';

// A record number as the CRM writes it: decimal, no leading zeros, short of 15 digits.
const RECORD_NUMBER = /^(?:0|[1-9]\d{0,13})$/;

/**
 * The Salesforce id a neutral id of an object with `keyPrefix` stands for: a CRM record number
 * is encoded (contracts/crm/salesforce-record-number.ts), an id of either form — any a real org
 * issues — is brought to its canonical 18 characters. Undefined when `neutralId` is neither: the
 * org cannot be asked about it, which says nothing about whether the record exists.
 */
export function salesforceIdOf(keyPrefix: string, neutralId: string): SalesforceId | undefined {
  if (RECORD_NUMBER.test(neutralId) && Number(neutralId) <= MAX_RECORD_NUMBER)
    return numberedSalesforceId(keyPrefix, Number(neutralId));
  return caseSafeId(neutralId);
}

/**
 * The neutral id of a Salesforce id read where an object with `keyPrefix` is expected: its record
 * number if it is a numbered id of that object, else the id itself — so that
 * `salesforceIdOf(keyPrefix, neutralIdOf(keyPrefix, id))` is `id` for every id.
 */
export function neutralIdOf(keyPrefix: string, id: SalesforceId): string {
  const number = keyPrefixOf(id) === keyPrefix ? recordNumberOf(id) : undefined;
  return number === undefined ? id : String(number);
}
