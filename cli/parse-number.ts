/** Parses a numeric CLI option, or throws a message that names the option and what to pass. */
export function parseNumber(name: string, raw: string, { min = 0, integer = true } = {}): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(
      `Invalid --${name} "${raw}": expected ${integer ? 'a whole number' : 'a number'} ≥ ${min}.`,
    );
  }
  return value;
}
