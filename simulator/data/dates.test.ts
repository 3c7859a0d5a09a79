import { describe, expect, it } from 'vitest';
import { isoDate, isoDateTime, parseInstant, russianDate } from './dates.ts';

describe('dates', () => {
  it('formats exactly like Date#toISOString across leap years and centuries', () => {
    for (let ms = Date.UTC(1899, 11, 25); ms < Date.UTC(2101, 0, 5); ms += 3.7 * 86_400_000 + 1_234_567) {
      const whole = Math.floor(ms);
      expect(isoDateTime(whole)).toBe(new Date(whole).toISOString());
    }
    expect(isoDate(Date.UTC(2024, 1, 29))).toBe('2024-02-29');
    expect(isoDate(Date.UTC(2000, 1, 29, 23, 59, 59, 999))).toBe('2000-02-29');
  });

  it('prints dates the Russian way and refuses what it cannot read', () => {
    expect(russianDate(Date.UTC(2021, 2, 5))).toBe('05.03.2021');
    expect(() => parseInstant('2021-13-45', 'from')).toThrow(/Failed to read from/);
    expect(() => parseInstant('01.02.2020', 'from')).toThrow(/not an ISO date/);
    expect(() => parseInstant('2020-02-01T10:00', 'from')).toThrow(/not an ISO date/);
    expect(parseInstant('2020-02-01', 'from')).toBe(Date.UTC(2020, 1, 1));
    expect(parseInstant('2020-02-01T10:00:00+03:00', 'from')).toBe(Date.UTC(2020, 1, 1, 7));
  });
});
