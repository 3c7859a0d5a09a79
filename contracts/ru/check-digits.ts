/** Σ digit × weight over the leading digits of a decimal string: the core of every Russian control digit. */
export function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
  return sum;
}

/** True when the value is a string of exactly `length` decimal digits. */
export function isDigits(value: string, length: number): boolean {
  return typeof value === 'string' && value.length === length && /^\d+$/.test(value);
}
