import { z } from 'zod';

/**
 * Salesforce record ids as every org issues them: 15 case-sensitive base-62 characters (a
 * 3-character key prefix naming the object, then 12 naming the record), or those 15 followed by a
 * 3-character checksum of their letter case, which keeps the 18-character form unique where case is
 * lost (spreadsheets, case-insensitive keys). The APIs answer with 18 characters and take either
 * form, so whoever compares or stores ids first brings them to the one canonical form below.
 */

declare const canonical: unique symbol;
/** An 18-character id: the record's 15 characters in their own case, then their checksum. */
export type SalesforceId = string & { readonly [canonical]: true };

/**
 * The key prefixes of the sObjects the bank syncs. Account, Contact and Task have Salesforce's
 * standard prefixes, the same in every org; a custom object's prefix is assigned by the org that
 * creates it, and a0X is the one the bank's org gave Authority__c.
 */
export const SALESFORCE_KEY_PREFIXES = {
  Account: '001',
  Contact: '003',
  Task: '00T',
  Authority__c: 'a0X',
} as const;

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_FORM = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;

/**
 * The checksum of a 15-character id, as Salesforce computes it: one character per 5-character
 * chunk, the letter of the alphabet A–Z0–5 whose index has bit i set where the chunk's character i
 * is an uppercase letter.
 */
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

/**
 * The canonical form of a 15-character id, or of an 18-character one in any letter case (its
 * checksum restores the case); undefined when `raw` is not an id, or its checksum contradicts it.
 */
export function caseSafeId(raw: string): SalesforceId | undefined {
  if (!ID_FORM.test(raw)) return undefined;
  const id15 = raw.length === 18 ? restoreCase(raw) : raw;
  return id15 === undefined ? undefined : ((id15 + caseSafeSuffix(id15)) as SalesforceId);
}

/** A 15- or 18-character id on the wire, read as its canonical form. */
export const salesforceIdSchema = z.string().transform((value, context) => {
  const id = caseSafeId(value);
  if (id === undefined) {
    context.addIssue({ code: 'custom', message: `not a Salesforce id: ${value.slice(0, 40)}` });
    return z.NEVER;
  }
  return id;
});

/** The object an id names, by its key prefix. */
export const keyPrefixOf = (id: SalesforceId): string => id.slice(0, 3);

function restoreCase(id18: string): string | undefined {
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const flags = SUFFIX_ALPHABET.indexOf(id18.charAt(15 + chunk).toUpperCase());
    if (flags < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const char = id18.charAt(chunk * 5 + i);
      const upper = (flags & (1 << i)) !== 0;
      const isLetter = /[A-Za-z]/.test(char);
      // A digit flagged as uppercase: the checksum is not this id's.
      if (upper && !isLetter) return undefined;
      id15 += isLetter ? (upper ? char.toUpperCase() : char.toLowerCase()) : char;
    }
  }
  return id15;
}
