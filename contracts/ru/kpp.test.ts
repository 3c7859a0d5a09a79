import { describe, expect, it } from 'vitest';
import { isValidKpp, KPP_REASON_HEAD_OFFICE, kpp } from './kpp.ts';

describe('KPP', () => {
  it('accepts real KPPs, letter reason codes included', () => {
    // Сбербанк (largest-taxpayer inspection), Яндекс, and a reason code with letters (allowed since 2013).
    for (const value of ['773601001', '770401001', '7736AB001']) expect(isValidKpp(value), value).toBe(true);
  });

  it('rejects wrong lengths, lower-case letters and the zero region', () => {
    for (const value of ['77360100', '7736010011', '7736ab001', '77A601001', '003601001', '']) {
      expect(isValidKpp(value), value).toBe(false);
    }
  });

  it('assembles tax office, reason and serial', () => {
    expect(kpp('7736', KPP_REASON_HEAD_OFFICE, '001')).toBe('773601001');
    expect(() => kpp('773', '01', '001')).toThrow(/Failed to build a KPP/);
  });
});
