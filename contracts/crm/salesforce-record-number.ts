import { caseSafeSuffix, type SalesforceId } from './salesforce-id.ts';

/**
 * How the CRM's record numbers (the neutral ids of `crm.cards` and the feed reference) and its
 * Salesforce ids name the same record, so a feed message and a change event about one record land
 * under one key: a numbered id is the object's key prefix, the pod and reserved characters `5g0`,
 * and the number in 9 base-62 digits. No other id numbers anything — every id a real org issues on
 * another pod, or beyond the numbers' range, stands for itself — and the two directions are exact
 * inverses, so whichever naming a record arrives in, it goes back to the CRM as the id it came as.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const NUMBERED_POD = '5g0';
const NUMBER_DIGITS = 9;
/** Numbers stay short of 15 digits, so a neutral id of 15 or 18 characters is always an id itself. */
export const MAX_RECORD_NUMBER = 10 ** 14 - 1;

/** The id of record `number` of the object with `keyPrefix`. */
export function numberedSalesforceId(keyPrefix: string, number: number): SalesforceId {
  if (!Number.isSafeInteger(number) || number < 0 || number > MAX_RECORD_NUMBER) {
    throw new RangeError(
      `Failed to encode a Salesforce id: ${number} is not a record number (0..${MAX_RECORD_NUMBER}). Pass a store id.`,
    );
  }
  let digits = '';
  for (let rest = number; rest > 0; rest = Math.floor(rest / 62)) digits = BASE62.charAt(rest % 62) + digits;
  const id15 = `${keyPrefix}${NUMBERED_POD}${digits.padStart(NUMBER_DIGITS, '0')}`;
  return (id15 + caseSafeSuffix(id15)) as SalesforceId;
}

/** The record number a numbered id carries; undefined for any other id. */
export function recordNumberOf(id: SalesforceId): number | undefined {
  if (id.slice(3, 6) !== NUMBERED_POD) return undefined;
  let number = 0;
  for (const char of id.slice(6, 15)) number = number * 62 + BASE62.indexOf(char);
  return number <= MAX_RECORD_NUMBER ? number : undefined;
}
