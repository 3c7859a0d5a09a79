import { describe, expect, it } from 'vitest';
import { canonicalBody, relativeTimes } from './canonical-time.ts';

const origin = Date.parse('2026-12-07T10:00:00.000Z');

describe('times in the source history', () => {
  it('are written relative to the origin when the run stamped them', () => {
    expect(
      relativeTimes(
        { bookedAt: '2026-12-07T10:00:01.500Z', header: { commitTimestamp: origin + 20 } },
        origin,
      ),
    ).toEqual({ bookedAt: '@1500', header: { commitTimestamp: '@20' } });
  });

  it('stay as they are when they belong to the seeded world, long before the run', () => {
    expect(relativeTimes({ createdAt: '2021-03-04T05:06:07.000Z', list: ['x', 3] }, origin)).toEqual({
      createdAt: '2021-03-04T05:06:07.000Z',
      list: ['x', 3],
    });
  });

  it('keep a body that is not JSON as its text', () => {
    expect(canonicalBody('event=ONCRMCONTACTUPDATE&ts=1', origin)).toBe('event=ONCRMCONTACTUPDATE&ts=1');
  });
});
