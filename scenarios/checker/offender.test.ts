import { describe, expect, it } from 'vitest';
import { firstOffenders, OFFENDERS_PER_VERDICT, type Offender } from './offender.ts';

const offender = (verdict: Offender['verdict'], entity: string): Offender => ({
  verdict,
  system: 'abs',
  entity,
  keys: [entity],
  source: null,
  cache: null,
});

describe('firstOffenders', () => {
  it('keeps the first of each verdict by entity, whatever order the rows came in', () => {
    const lost = Array.from({ length: 30 }, (_, i) =>
      offender('lost', `abs account ${String(i).padStart(2, '0')}`),
    );
    const shuffled = [offender('duplicated', 'b'), ...lost.reverse(), offender('duplicated', 'a')];
    const first = firstOffenders(shuffled);
    expect(first.filter((o) => o.verdict === 'lost').map((o) => o.entity)).toEqual(
      Array.from({ length: OFFENDERS_PER_VERDICT }, (_, i) => `abs account ${String(i).padStart(2, '0')}`),
    );
    expect(first.filter((o) => o.verdict === 'duplicated').map((o) => o.entity)).toEqual(['a', 'b']);
  });
});
