import { describe, expect, it } from 'vitest';
import { Rng } from './prng.ts';
import { formatSnils, isValidSnils, snils } from './snils.ts';

describe('SNILS', () => {
  it('accepts the Pension Fund worked example in both forms', () => {
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(isValidSnils('11223344595')).toBe(true);
    expect(snils('112233445')).toBe('11223344595');
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
  });

  it('applies the mod 101 rule above 101 and turns 100 into 00', () => {
    // 9×9+8×8+7×7+6×6+5×5+4×4+3×3+2×2+1×1 = 285 → 285 mod 101 = 83.
    expect(snils('987654321')).toBe('98765432183');
    const rng = new Rng(6);
    let sawHundred = false;
    for (let i = 0; i < 20_000 && !sawHundred; i++) {
      const first9 = `${rng.int(1, 9)}${rng.digits(8)}`;
      const sum = [...first9].reduce((acc, digit, n) => acc + Number(digit) * (9 - n), 0);
      if (sum === 100 || sum === 101 || sum % 101 === 100) {
        expect(snils(first9).slice(9)).toBe('00');
        sawHundred = true;
      }
    }
    expect(sawHundred).toBe(true);
  });

  it('rejects a wrong control number but accepts numbers issued before the check (up to 001-001-998)', () => {
    expect(isValidSnils('11223344596')).toBe(false);
    expect(isValidSnils('112-233-445-95')).toBe(false);
    expect(isValidSnils('00100199812')).toBe(true);
  });
});
