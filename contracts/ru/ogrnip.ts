import { isDigits } from './check-digits.ts';

/**
 * OGRNIP (registration number of a sole proprietor), 15 digits: sign 3, two digits of the year,
 * region, 9-digit record number, and a control digit = (the first 14 digits as a number) mod 13
 * mod 10. Fourteen digits stay below 2^53, so plain numbers are exact.
 */
export function ogrnip(first14: string): string {
  if (!isDigits(first14, 14)) throw new Error(`Failed to build an OGRNIP: "${first14}" is not 14 digits.`);
  return `${first14}${(Number(first14) % 13) % 10}`;
}

export function isValidOgrnip(value: string): boolean {
  return isDigits(value, 15) && value[0] === '3' && ogrnip(value.slice(0, 14)) === value;
}
