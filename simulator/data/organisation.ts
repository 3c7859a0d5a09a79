import { legalEntityInn } from '../../contracts/ru/inn.ts';
import { KPP_REASON_HEAD_OFFICE, kpp } from '../../contracts/ru/kpp.ts';
import { ogrn } from '../../contracts/ru/ogrn.ts';
import { ogrnip } from '../../contracts/ru/ogrnip.ts';
import { legalAddress } from './address.ts';
import { brandName } from './brand.ts';
import type { ClientProfile } from './client-profile.ts';
import { isoDate, yearOf } from './dates.ts';
import { personAt } from './person.ts';
import { Rng } from './prng.ts';
import { transliterate } from './transliterate.ts';
import { STREAM, type WorldContext } from './world-context.ts';
import type { Organisation, Segment } from './world-types.ts';

type LegalForm = 'ООО' | 'АО' | 'ПАО';

const FULL_FORM: Readonly<Record<LegalForm, string>> = {
  ООО: 'Общество с ограниченной ответственностью',
  АО: 'Акционерное общество',
  ПАО: 'Публичное акционерное общество',
};

const FORMS: Readonly<Record<Segment, readonly (readonly [LegalForm, number])[]>> = {
  small: [
    ['ООО', 92],
    ['АО', 8],
  ],
  medium: [
    ['ООО', 70],
    ['АО', 30],
  ],
  large: [
    ['ООО', 40],
    ['АО', 45],
    ['ПАО', 15],
  ],
};

const FREE_MAIL = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru'];

// OGRN numbering began in 2002 (OGRNIP in 2004): older registrations got theirs on re-registration.
const FIRST_OGRN_YEAR = 2002;
const FIRST_OGRNIP_YEAR = 2004;

function yearDigits(registeredMs: number, firstYear: number): string {
  return String(Math.max(yearOf(registeredMs), firstYear) % 100).padStart(2, '0');
}

export function organisationOf(ctx: WorldContext, profile: ClientProfile): Organisation {
  const rng = new Rng(ctx.seed, STREAM.organisation, profile.index);
  const { region, taxOffice } = profile;
  const common = {
    index: profile.index,
    id: ctx.ids.encode('client', profile.index),
    kind: profile.kind,
    segment: profile.segment,
    registeredOn: isoDate(profile.registeredMs),
    legalAddress: legalAddress(rng, region),
  };
  if (profile.kind === 'sole-proprietor') {
    const owner = personAt(ctx, profile, 0);
    return {
      ...common,
      shortName: `ИП ${owner.lastName} ${owner.firstName[0]}. ${owner.middleName[0]}.`,
      fullName: `Индивидуальный предприниматель ${owner.lastName} ${owner.firstName} ${owner.middleName}`,
      inn: owner.inn,
      kpp: null,
      ogrn: ogrnip(`3${yearDigits(profile.registeredMs, FIRST_OGRNIP_YEAR)}${region.code}${rng.digits(9)}`),
      phone: owner.phone,
      email: `${transliterate(owner.lastName)}.${transliterate(owner.firstName)}@${rng.pick(FREE_MAIL)}`,
    };
  }
  const form = rng.weighted(FORMS[profile.segment]);
  const brand = brandName(rng);
  return {
    ...common,
    shortName: `${form} «${brand}»`,
    fullName: `${FULL_FORM[form]} «${brand}»`,
    inn: legalEntityInn(`${taxOffice}${rng.digits(5)}`),
    kpp: kpp(taxOffice, KPP_REASON_HEAD_OFFICE, '001'),
    ogrn: ogrn(`1${yearDigits(profile.registeredMs, FIRST_OGRN_YEAR)}${region.code}${rng.digits(7)}`),
    phone: `+7${region.phoneCode}${rng.digits(7)}`,
    email: `info@${companyDomain(brand)}`,
  };
}

/** The company's web domain, shared by its staff's e-mail addresses. */
export function companyDomain(brand: string): string {
  return `${transliterate(brand)}.ru`;
}
