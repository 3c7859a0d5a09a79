import { isDigits, weightedSum } from '../../contracts/ru/check-digits.ts';

/**
 * SNILS (pension insurance number), 9 digits + 2 control digits: Σ digit × (9..1); below 100 the
 * sum itself, otherwise the sum mod 101, where 100 (and 101) become 00. Numbers up to 001-001-998
 * were issued before the check existed and are accepted as they are.
 */
const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, 1];
const LAST_UNCHECKED = 1_001_998;

function control(first9: string): string {
  const sum = weightedSum(first9, WEIGHTS);
  const value = sum < 100 ? sum : (sum % 101) % 100;
  return String(value).padStart(2, '0');
}

/** 11 digits without separators. */
export function snils(first9: string): string {
  if (!isDigits(first9, 9)) throw new Error(`Failed to build a SNILS: "${first9}" is not 9 digits.`);
  return `${first9}${control(first9)}`;
}

/** The printed form: three groups of three digits, then the two check digits (`112-233-445 95`). */
export function formatSnils(value: string): string {
  return `${value.slice(0, 3)}-${value.slice(3, 6)}-${value.slice(6, 9)} ${value.slice(9)}`;
}

/** Accepts both the bare 11 digits and the printed form. */
export function isValidSnils(value: string): boolean {
  if (typeof value !== 'string') return false;
  const digits = /^\d{3}-\d{3}-\d{3} \d{2}$/.test(value) ? value.replace(/\D/g, '') : value;
  if (!isDigits(digits, 11)) return false;
  if (Number(digits.slice(0, 9)) <= LAST_UNCHECKED) return true;
  return snils(digits.slice(0, 9)) === digits;
}
