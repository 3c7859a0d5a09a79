import type { Faker } from '@faker-js/faker';

const WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];

/** A 10-digit INN of a Russian legal entity whose control digit is valid. */
export function legalEntityInn(faker: Faker): string {
  const digits = Array.from({ length: 9 }, (_, i) => faker.number.int({ min: i === 0 ? 1 : 0, max: 9 }));
  const control = (WEIGHTS.reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0) % 11) % 10;
  return [...digits, control].join('');
}
