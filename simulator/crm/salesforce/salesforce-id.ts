import { caseSafeId, keyPrefixOf, type SalesforceId } from '../../../contracts/crm/salesforce-id.ts';
import { numberedSalesforceId, recordNumberOf } from '../../../contracts/crm/salesforce-record-number.ts';

/**
 * The ids the simulated org hands out: every record of the store is named by its number (see
 * contracts/crm/salesforce-record-number.ts), and so are the org's other things (users, query
 * cursors) by a number of their own. Clients compare, store and send back both id forms, so the
 * org accepts both and always answers with 18 characters.
 */
export function salesforceId(keyPrefix: string, number: number): SalesforceId {
  return numberedSalesforceId(keyPrefix, number);
}

export type ParsedSalesforceId =
  | { readonly kind: 'malformed' }
  /** Well formed, but not an id this org hands out: no record can have it. */
  | { readonly kind: 'foreign'; readonly keyPrefix: string; readonly id18: string }
  | { readonly kind: 'record'; readonly keyPrefix: string; readonly id18: string; readonly number: number };

/** Reads a 15- or 18-character id; an 18-character id may come in any letter case, as Salesforce allows. */
export function parseSalesforceId(raw: string): ParsedSalesforceId {
  const id18 = caseSafeId(raw);
  if (id18 === undefined) return { kind: 'malformed' };
  const keyPrefix = keyPrefixOf(id18);
  const number = recordNumberOf(id18);
  return number === undefined
    ? { kind: 'foreign', keyPrefix, id18 }
    : { kind: 'record', keyPrefix, id18, number };
}
