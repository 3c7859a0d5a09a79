/**
 * Regions clients are registered in. One table keeps every identifier of a client consistent with
 * its address: the tax region opens the INN, KPP and OGRN, the Bank of Russia territory opens the
 * BIC of the branch that holds the accounts, and the postcode falls in the region's range.
 */
export interface Region {
  /** Tax region code: first two digits of INN and KPP, digits 4–5 of OGRN. */
  readonly code: string;
  /** As written in a legal address. */
  readonly name: string;
  /** Cities of Moscow and St Petersburg are regions themselves: the address names them once. */
  readonly federalCity: boolean;
  readonly cities: readonly string[];
  readonly postcodes: readonly [number, number];
  /** Tax offices are numbered 01..taxOffices inside the region. */
  readonly taxOffices: number;
  /** First six digits of BICs here: 04, territory, Bank of Russia division. */
  readonly bicPrefix: string;
  /** Share of the bank's clients registered here. */
  readonly weight: number;
  /** Long-distance code of landlines here. */
  readonly phoneCode: string;
}

export const REGIONS: readonly Region[] = [
  region('77', 'г. Москва', true, ['Москва'], [101000, 129999], 51, '044525', 30, '495'),
  region('78', 'г. Санкт-Петербург', true, ['Санкт-Петербург'], [190000, 199999], 40, '044030', 12, '812'),
  region(
    '50',
    'Московская обл.',
    false,
    ['Химки', 'Подольск', 'Балашиха', 'Мытищи', 'Королёв', 'Люберцы', 'Красногорск', 'Одинцово'],
    [140000, 144999],
    50,
    '044525',
    10,
    '498',
  ),
  region(
    '66',
    'Свердловская обл.',
    false,
    ['Екатеринбург', 'Нижний Тагил'],
    [620000, 624999],
    33,
    '046577',
    6,
    '343',
  ),
  region(
    '54',
    'Новосибирская обл.',
    false,
    ['Новосибирск', 'Бердск'],
    [630000, 633999],
    17,
    '045004',
    5,
    '383',
  ),
  region(
    '16',
    'Республика Татарстан',
    false,
    ['Казань', 'Набережные Челны'],
    [420000, 423999],
    14,
    '049205',
    5,
    '843',
  ),
  region(
    '23',
    'Краснодарский край',
    false,
    ['Краснодар', 'Сочи', 'Новороссийск'],
    [350000, 354999],
    10,
    '040349',
    5,
    '861',
  ),
  region(
    '61',
    'Ростовская обл.',
    false,
    ['Ростов-на-Дону', 'Таганрог'],
    [344000, 347999],
    10,
    '046015',
    4,
    '863',
  ),
  region(
    '52',
    'Нижегородская обл.',
    false,
    ['Нижний Новгород', 'Дзержинск'],
    [603000, 606999],
    10,
    '042202',
    4,
    '831',
  ),
  region('63', 'Самарская обл.', false, ['Самара', 'Тольятти'], [443000, 446999], 10, '043601', 4, '846'),
  region(
    '02',
    'Республика Башкортостан',
    false,
    ['Уфа', 'Стерлитамак'],
    [450000, 453999],
    10,
    '048073',
    3,
    '347',
  ),
  region(
    '24',
    'Красноярский край',
    false,
    ['Красноярск', 'Норильск'],
    [660000, 663999],
    10,
    '040407',
    3,
    '391',
  ),
];

function region(
  code: string,
  name: string,
  federalCity: boolean,
  cities: readonly string[],
  postcodes: readonly [number, number],
  taxOffices: number,
  bicPrefix: string,
  weight: number,
  phoneCode: string,
): Region {
  return { code, name, federalCity, cities, postcodes, taxOffices, bicPrefix, weight, phoneCode };
}

export const REGION_WEIGHTS: readonly (readonly [Region, number])[] = REGIONS.map((r) => [r, r.weight]);
