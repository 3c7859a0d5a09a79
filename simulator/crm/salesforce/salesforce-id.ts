/**
 * Salesforce record ids: a 3-character key prefix naming the object, 12 characters naming the
 * record (here: this org's pod and reserved characters, then the store's decimal id in base 62),
 * and — in the 18-character form — a 3-character suffix that makes the id case-insensitive. Clients
 * compare, store and send back both forms, so the simulator accepts both and always answers with 18.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** Pod (2) and reserved (1) characters every id of the simulated org carries, as a real org's ids do. */
const ORG_POD = '5g0';
const NUMBER_DIGITS = 9;

/** The suffix of an 18-character id: one character per 5-character chunk, flagging its uppercase letters. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const char = id15.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') flags |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(flags);
  }
  return suffix;
}

/** The 18-character id of the store's record `number` in the object with `keyPrefix`. */
export function salesforceId(keyPrefix: string, number: number): string {
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new Error(
      `Failed to encode a Salesforce id: ${number} is not a non-negative integer. Pass a store id.`,
    );
  }
  let digits = '';
  for (let rest = number; rest > 0; rest = Math.floor(rest / 62)) digits = BASE62.charAt(rest % 62) + digits;
  const id15 = `${keyPrefix}${ORG_POD}${digits.padStart(NUMBER_DIGITS, '0')}`;
  return id15 + caseSafeSuffix(id15);
}

export type ParsedSalesforceId =
  | { readonly kind: 'malformed' }
  /** Well formed, but not an id this org hands out: no record can have it. */
  | { readonly kind: 'foreign'; readonly keyPrefix: string; readonly id18: string }
  | { readonly kind: 'record'; readonly keyPrefix: string; readonly id18: string; readonly number: number };

/** Reads a 15- or 18-character id; an 18-character id may come in any letter case, as Salesforce allows. */
export function parseSalesforceId(raw: string): ParsedSalesforceId {
  if (!/^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$/.test(raw)) return { kind: 'malformed' };
  const id15 = raw.length === 18 ? restoreCase(raw) : raw;
  if (id15 === undefined) return { kind: 'malformed' };
  const keyPrefix = id15.slice(0, 3);
  const id18 = id15 + caseSafeSuffix(id15);
  if (id15.slice(3, 6) !== ORG_POD) return { kind: 'foreign', keyPrefix, id18 };
  let number = 0;
  for (const char of id15.slice(6)) number = number * 62 + BASE62.indexOf(char);
  if (!Number.isSafeInteger(number)) return { kind: 'foreign', keyPrefix, id18 };
  return { kind: 'record', keyPrefix, id18, number };
}

/** The 15-character id an 18-character one stands for, or undefined when its suffix contradicts it. */
function restoreCase(id18: string): string | undefined {
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const flags = SUFFIX_ALPHABET.indexOf(id18.charAt(15 + chunk).toUpperCase());
    if (flags < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const char = id18.charAt(chunk * 5 + i);
      const upper = (flags & (1 << i)) !== 0;
      const isLetter = /[A-Za-z]/.test(char);
      if (upper && !isLetter) return undefined;
      id15 += isLetter ? (upper ? char.toUpperCase() : char.toLowerCase()) : char;
    }
  }
  return id15;
}
