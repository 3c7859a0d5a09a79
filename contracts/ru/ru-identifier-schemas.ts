import { z } from 'zod';
import { isValidAccountNumber, isValidCorrespondentAccount } from './account-number.ts';
import { isValidBic } from './bic.ts';
import { isValidInn } from './inn.ts';
import { isValidKpp } from './kpp.ts';
import { isValidOgrn } from './ogrn.ts';
import { isValidOgrnip } from './ogrnip.ts';

/**
 * Russian identifiers as zod schemas with their check-digit rules, for every boundary that takes
 * them from outside (webhooks, MQ feeds, the ABS and MDM APIs, bank writes): a value that only has
 * the right number of digits is a typo or a forgery, and once cached it would be served as true.
 */
export const innSchema = z
  .string()
  .refine(isValidInn, 'not an INN: 10 digits (a legal entity) or 12 (a person) with valid control digits');

export const kppSchema = z
  .string()
  .refine(isValidKpp, 'not a KPP: 4 digits of the tax office, 2 of the reason (digits or A–Z), 3 digits');

/** OGRN of a legal entity (13 digits) or OGRNIP of a sole proprietor (15), control digit included. */
export const ogrnSchema = z
  .string()
  .refine(
    (value) => isValidOgrn(value) || isValidOgrnip(value),
    'not an OGRN (13 digits) or OGRNIP (15 digits) with a valid control digit',
  );

export const bicSchema = z.string().refine(isValidBic, 'not a BIC: 04 and 7 digits');

/** 20 digits; the control key can only be checked with the bank's BIC (see `bankRequisitesSchema`). */
export const accountNumberSchema = z.string().regex(/^\d{20}$/, 'not an account number: 20 digits');

/** A bank and accounts at it: each account's control key checked against the BIC. */
export const bankRequisitesSchema = z
  .object({
    bankName: z.string(),
    bic: bicSchema,
    correspondentAccount: accountNumberSchema,
    settlementAccounts: z.array(accountNumberSchema),
  })
  .superRefine((requisites, context) => {
    const { bic } = requisites;
    if (!isValidBic(bic)) return;
    if (!isValidCorrespondentAccount(requisites.correspondentAccount, bic))
      context.addIssue({
        code: 'custom',
        path: ['correspondentAccount'],
        message: `not the correspondent account of BIC ${bic} (30101…, control key)`,
      });
    requisites.settlementAccounts.forEach((account, index) => {
      if (!isValidAccountNumber(account, bic))
        context.addIssue({
          code: 'custom',
          path: ['settlementAccounts', index],
          message: `the control key does not match BIC ${bic}`,
        });
    });
  });
