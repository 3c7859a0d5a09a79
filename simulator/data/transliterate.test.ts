import { describe, expect, it } from 'vitest';
import { transliterate } from './transliterate.ts';

describe('transliterate', () => {
  it('follows the passport rules and keeps only address-safe characters', () => {
    expect(transliterate('Щукин')).toBe('shchukin');
    expect(transliterate('Журавлёва')).toBe('zhuravleva');
    expect(transliterate('Юлия')).toBe('iuliia');
    expect(transliterate('Хабибуллин')).toBe('khabibullin');
    expect(transliterate('Подъячев')).toBe('podieiachev');
    expect(transliterate('Петров и партнёры')).toBe('petrovipartnery');
    expect(transliterate('Альфа-Трейд 24')).toBe('alfa-treid24');
  });
});
