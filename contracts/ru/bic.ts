/**
 * BIC of a Russian bank: 04 (Russia) + 2-digit territory + 2-digit Bank of Russia division + 3-digit
 * number of the bank. It has no control digit; numbers 000–002 belong to the Bank of Russia's own
 * divisions, 050 and above to credit institutions.
 */
const BIC = /^04\d{7}$/;

export function isValidBic(value: string): boolean {
  return typeof value === 'string' && BIC.test(value);
}

/** Accounts held at a Bank of Russia division are keyed differently (see account-number.ts). */
export function isCentralBankBic(bic: string): boolean {
  return Number(bic.slice(6)) <= 2;
}
