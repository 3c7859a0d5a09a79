import type { Rng } from './prng.ts';
import type { Region } from './regions.ts';
import { STREET_NAMES } from './ru-vocabulary.ts';
import type { Address } from './world-types.ts';

const STREET_KINDS: readonly (readonly [string, number])[] = [
  ['ул.', 70],
  ['пр-кт', 10],
  ['пер.', 8],
  ['наб.', 4],
  ['ш.', 8],
];

/** A legal address in the region: postcode in its range, one of its cities, a street and a building. */
export function legalAddress(rng: Rng, region: Region): Address {
  const postcode = String(rng.int(region.postcodes[0], region.postcodes[1]));
  const city = region.federalCity ? null : rng.pick(region.cities);
  const street = `${rng.weighted(STREET_KINDS)} ${rng.pick(STREET_NAMES)}`;
  const building = `д. ${rng.int(1, 180)}${rng.chance(0.2) ? `, стр. ${rng.int(1, 9)}` : ''}`;
  const office = rng.chance(0.6) ? `${rng.chance(0.5) ? 'офис' : 'пом.'} ${rng.int(1, 450)}` : null;
  const parts = [postcode, region.name, city && `г. ${city}`, street, building, office];
  return {
    postcode,
    region: region.name,
    city,
    street,
    building,
    office,
    text: parts.filter(Boolean).join(', '),
  };
}
