import type { Rng } from './prng.ts';
import { BRAND_SUFFIXES, LAST_NAMES, TOWN_NAMES } from './ru-vocabulary.ts';

/** The name inside the quotes: «СеверТорг», «КазаньСнаб», «Петров и партнёры», «Меридиан». */
const STEMS = [
  'Север',
  'Юг',
  'Восток',
  'Запад',
  'Альфа',
  'Вектор',
  'Гранит',
  'Сигма',
  'Техно',
  'Агро',
  'Строй',
  'Мега',
  'Эко',
  'Инвест',
  'Логистик',
  'Меридиан',
  'Континент',
  'Ресурс',
  'Стандарт',
  'Прогресс',
  'Лидер',
  'Орион',
  'Атлант',
  'Феникс',
  'Горизонт',
  'Энерго',
  'Металл',
  'Лес',
  'Нефть',
  'Хим',
  'Фарм',
  'Медиа',
  'Софт',
  'Урал',
  'Волга',
  'Сибирь',
  'Балтик',
  'Авто',
  'Транс',
  'Электро',
];

export function brandName(rng: Rng): string {
  switch (
    rng.weighted([
      ['stem', 45],
      ['town', 25],
      ['family', 10],
      ['word', 20],
    ] as const)
  ) {
    case 'stem':
      return `${rng.pick(STEMS)}${rng.pick(BRAND_SUFFIXES)}`;
    case 'town':
      return `${rng.pick(TOWN_NAMES)}${rng.pick(BRAND_SUFFIXES)}`;
    case 'family':
      return `${rng.pick(LAST_NAMES.male)} и партнёры`;
    case 'word':
      return `${rng.pick(STEMS)}${rng.pick(STEMS).toLowerCase()}`;
  }
}
