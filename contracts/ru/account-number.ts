import { isCentralBankBic, isValidBic } from './bic.ts';
import { isDigits } from './check-digits.ts';

/**
 * 20-digit account numbers and their control key (Bank of Russia, Regulation 385-P): three digits
 * taken from the BIC followed by the 20 digits are weighted 7,1,3,7,1,3,...; the key at position 9
 * of the account is chosen so the weighted sum ends in 0. Accounts at a credit institution take the
 * last three digits of its BIC; accounts at a Bank of Russia division (a bank's correspondent
 * account) take "0" and digits 5–6 of the BIC.
 */
const WEIGHTS = [7, 1, 3];
const KEY_INDEX = 8;

function keyDigit(prefix3: string, account: string): number {
  const digits = `${prefix3}${account.slice(0, KEY_INDEX)}0${account.slice(KEY_INDEX + 1)}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += ((digits.charCodeAt(i) - 48) * (WEIGHTS[i % 3] ?? 0)) % 10;
  // The key's own weight is 3 (position 11 of 23), and 3 × 3S ≡ −S (mod 10) closes the sum to 0.
  return (sum * 3) % 10;
}

function withKey(prefix3: string, account: string): string {
  return `${account.slice(0, KEY_INDEX)}${keyDigit(prefix3, account)}${account.slice(KEY_INDEX + 1)}`;
}

function creditInstitutionPrefix(bic: string): string {
  return bic.slice(6);
}

function centralBankPrefix(bic: string): string {
  return `0${bic.slice(4, 6)}`;
}

export interface AccountNumberParts {
  /** Balance-sheet account, 5 digits: 40702 companies, 40802 sole proprietors, 30101 correspondent. */
  readonly balance: string;
  /** Currency, 3 digits: 810 for roubles (not ISO 643, by tradition), 840 USD, 978 EUR, 156 CNY. */
  readonly currency: string;
  /** The remaining 11 digits: branch and serial number inside the bank. */
  readonly rest: string;
}

/** An account at the credit institution with this BIC, its key filled in. */
export function accountNumber(parts: AccountNumberParts, bic: string): string {
  const draft = `${parts.balance}${parts.currency}0${parts.rest}`;
  if (!isDigits(draft, 20) || !isValidBic(bic)) {
    throw new Error(`Failed to build an account number from ${JSON.stringify(parts)} at BIC "${bic}".`);
  }
  return withKey(isCentralBankBic(bic) ? centralBankPrefix(bic) : creditInstitutionPrefix(bic), draft);
}

/** The bank's correspondent account at the Bank of Russia: 30101810 K 00000000 + last 3 BIC digits. */
export function correspondentAccount(bic: string): string {
  if (!isValidBic(bic)) throw new Error(`Failed to build a correspondent account: "${bic}" is not a BIC.`);
  return withKey(centralBankPrefix(bic), `30101810000000000${bic.slice(6)}`);
}

/** True for a 20-digit account whose key is right for the bank with this BIC. */
export function isValidAccountNumber(account: string, bic: string): boolean {
  if (!isDigits(account, 20) || !isValidBic(bic)) return false;
  const prefix = isCentralBankBic(bic) ? centralBankPrefix(bic) : creditInstitutionPrefix(bic);
  return withKey(prefix, account) === account;
}

/** True for the correspondent account (30101…) of the bank with this BIC. */
export function isValidCorrespondentAccount(account: string, bic: string): boolean {
  return (
    isDigits(account, 20) &&
    isValidBic(bic) &&
    account.startsWith('30101') &&
    account.endsWith(bic.slice(6)) &&
    withKey(centralBankPrefix(bic), account) === account
  );
}
