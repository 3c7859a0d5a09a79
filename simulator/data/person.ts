import { individualInn } from '../../contracts/ru/inn.ts';
import type { ClientProfile } from './client-profile.ts';
import { Rng } from './prng.ts';
import { REGIONS } from './regions.ts';
import { FIRST_NAMES, LAST_NAMES, MIDDLE_NAMES, type Sex } from './ru-vocabulary.ts';
import { snils } from './snils.ts';
import { STREAM, type WorldContext } from './world-context.ts';

/** A person of a client: its owner (slot 0 of a sole proprietor) or one of its contacts. */
export interface Person {
  readonly sex: Sex;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string;
  readonly inn: string;
  readonly snils: string;
  readonly phone: string;
}

/** Chief accountants (slot 1) are mostly women, as in Russian companies. */
const FEMALE_SHARE = [0.35, 0.75, 0.5, 0.5];

export function personAt(ctx: WorldContext, profile: ClientProfile, slot: number): Person {
  const rng = new Rng(ctx.seed, STREAM.person, profile.index, slot);
  const sex: Sex = rng.chance(FEMALE_SHARE[slot] ?? 0.5) ? 'female' : 'male';
  // People get their INN where they lived at the time: mostly, not always, the client's region.
  const region = slot === 0 || rng.chance(0.8) ? profile.region : rng.pick(REGIONS);
  const taxOffice = `${region.code}${String(rng.int(1, region.taxOffices)).padStart(2, '0')}`;
  return {
    sex,
    lastName: rng.pick(LAST_NAMES[sex]),
    firstName: rng.pick(FIRST_NAMES[sex]),
    middleName: rng.pick(MIDDLE_NAMES[sex]),
    inn: individualInn(`${taxOffice}${rng.digits(6)}`),
    // A first digit of 1..9 keeps the number above 001-001-998, where the SNILS check applies.
    snils: snils(`${rng.int(1, 9)}${rng.digits(8)}`),
    phone: `+79${rng.digits(9)}`,
  };
}
