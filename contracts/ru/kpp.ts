/**
 * KPP (tax registration reason code): tax office (4 digits) + reason (2 characters: digits, or
 * capital Latin letters since 2013) + serial (3 digits). It carries no control digit, so validity is
 * the shape alone.
 */
const KPP = /^\d{4}[\dA-Z]{2}\d{3}$/;

/** Reason code 01: the organisation is registered at its own location (its head office). */
export const KPP_REASON_HEAD_OFFICE = '01';

export function kpp(taxOffice: string, reason: string, serial: string): string {
  const value = `${taxOffice}${reason}${serial}`;
  if (!isValidKpp(value)) {
    throw new Error(
      `Failed to build a KPP from "${taxOffice}", "${reason}", "${serial}": expected 4+2+3 characters.`,
    );
  }
  return value;
}

export function isValidKpp(value: string): boolean {
  return typeof value === 'string' && KPP.test(value) && !value.startsWith('00');
}
