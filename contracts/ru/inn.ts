import { isDigits, weightedSum } from './check-digits.ts';

/**
 * INN (taxpayer number), control digits as published by the Federal Tax Service: each control
 * digit is (Σ digit × weight) mod 11 mod 10 over the digits before it.
 */
const LEGAL_ENTITY_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INDIVIDUAL_FIRST_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INDIVIDUAL_SECOND_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function control(digits: string, weights: readonly number[]): number {
  return (weightedSum(digits, weights) % 11) % 10;
}

/** The 10-digit INN of a legal entity: 9 digits (tax office code + record number) and their control digit. */
export function legalEntityInn(first9: string): string {
  if (!isDigits(first9, 9)) throw new Error(`Failed to build an INN: "${first9}" is not 9 digits.`);
  return `${first9}${control(first9, LEGAL_ENTITY_WEIGHTS)}`;
}

/** The 12-digit INN of a person (sole proprietors included): 10 digits and two control digits. */
export function individualInn(first10: string): string {
  if (!isDigits(first10, 10)) throw new Error(`Failed to build an INN: "${first10}" is not 10 digits.`);
  const eleven = `${first10}${control(first10, INDIVIDUAL_FIRST_WEIGHTS)}`;
  return `${eleven}${control(eleven, INDIVIDUAL_SECOND_WEIGHTS)}`;
}

// "00" is no tax region, so an all-zero prefix is rejected even though its checksum adds up.
export function isValidLegalEntityInn(value: string): boolean {
  return isDigits(value, 10) && !value.startsWith('00') && legalEntityInn(value.slice(0, 9)) === value;
}

export function isValidIndividualInn(value: string): boolean {
  return isDigits(value, 12) && !value.startsWith('00') && individualInn(value.slice(0, 10)) === value;
}

/** Either kind: 10 digits for a legal entity, 12 for a person. */
export function isValidInn(value: string): boolean {
  return isValidLegalEntityInn(value) || isValidIndividualInn(value);
}
