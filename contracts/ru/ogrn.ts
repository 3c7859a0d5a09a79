import { isDigits } from './check-digits.ts';

/**
 * OGRN (primary state registration number of a legal entity), 13 digits: sign (1, or 5 in newer
 * series), two digits of the registration year, region, 7-digit record number, and a control digit
 * = (the first 12 digits as a number) mod 11 mod 10. Twelve digits stay below 2^53, so plain
 * numbers are exact.
 */
export function ogrn(first12: string): string {
  if (!isDigits(first12, 12)) throw new Error(`Failed to build an OGRN: "${first12}" is not 12 digits.`);
  return `${first12}${(Number(first12) % 11) % 10}`;
}

export function isValidOgrn(value: string): boolean {
  return isDigits(value, 13) && (value[0] === '1' || value[0] === '5') && ogrn(value.slice(0, 12)) === value;
}
