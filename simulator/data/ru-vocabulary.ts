import { faker } from '@faker-js/faker/locale/ru';

/**
 * Russian words the world draws from: faker's `ru` locale data, picked by our own keyed PRNG.
 * Re-seeding a Faker costs 55–90 µs (a Mersenne Twister initialisation), which alone would take
 * over a minute for a million clients; indexing its word lists costs nothing. The lists are read
 * once here, so a faker upgrade that reshapes them fails at start-up, not mid-run. The `locale/ru`
 * entry point loads ru (with en and base as fallbacks) alone: the package root loads every locale,
 * 32 MB more RSS for nothing.
 */
const definitions = faker.definitions;

function list(values: readonly string[] | undefined, what: string): readonly string[] {
  if (!values || values.length === 0) {
    throw new Error(
      `Failed to load the Russian vocabulary: faker's ru locale has no ${what}. Pin @faker-js/faker 10.`,
    );
  }
  return values;
}

export type Sex = 'male' | 'female';

export const FIRST_NAMES: Readonly<Record<Sex, readonly string[]>> = {
  male: list(definitions.person.first_name.male, 'male first names'),
  female: list(definitions.person.first_name.female, 'female first names'),
};

export const LAST_NAMES: Readonly<Record<Sex, readonly string[]>> = {
  male: list(definitions.person.last_name.male, 'male last names'),
  female: list(definitions.person.last_name.female, 'female last names'),
};

export const MIDDLE_NAMES: Readonly<Record<Sex, readonly string[]>> = {
  male: list(definitions.person.middle_name?.male, 'male patronymics'),
  female: list(definitions.person.middle_name?.female, 'female patronymics'),
};

export const STREET_NAMES = list(definitions.location.street_name_part, 'street names');

/** Town names fit for a brand ("КазаньТорг"): the ones with a qualifier in brackets or a space are left out. */
export const TOWN_NAMES = list(
  definitions.location.city_name?.filter((name) => /^[А-ЯЁ][а-яё-]+$/.test(name)),
  'town names',
);

/** Brand endings such as Торг, Снаб, Пром (in the ru data, though faker's types do not declare them). */
export const BRAND_SUFFIXES = list((definitions.company as { suffix?: string[] }).suffix, 'company suffixes');
