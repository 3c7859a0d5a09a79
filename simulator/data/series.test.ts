import { describe, expect, it } from 'vitest';
import { hash32 } from './prng.ts';
import { pageSeries, type Series } from './series.ts';

const DAY = 86_400_000;

/** 0..6 entries a day over a year, a few hours apart: small enough to enumerate by brute force. */
const series: Series = {
  origin: 0,
  bucketMs: DAY,
  start: Date.UTC(2020, 0, 10, 12),
  end: Date.UTC(2021, 0, 1),
  countIn: (day) => hash32(1, day) % 7,
  timeOf: (day, k, count) => day * DAY + Math.floor(((k + 0.5) / count) * DAY),
};

function everything(): number[] {
  const all: number[] = [];
  for (let day = Math.floor(series.start / DAY); day * DAY < series.end; day++) {
    const count = series.countIn(day);
    for (let k = 0; k < count; k++) {
      const at = series.timeOf(day, k, count);
      if (at >= series.start && at < series.end) all.push(at);
    }
  }
  return all;
}

describe('on-demand series', () => {
  const all = everything();

  it('pages through the whole history in order, numbering entries from 1', () => {
    const seen: number[] = [];
    for (let offset = 0; ; offset += 97) {
      const page = pageSeries(series, -Infinity, Infinity, offset, 97);
      expect(page.total).toBe(all.length);
      if (page.entries.length === 0) break;
      expect(page.entries.map((entry) => entry.sequence)).toEqual(page.entries.map((_, n) => offset + n + 1));
      seen.push(...page.entries.map((entry) => entry.at));
    }
    expect(seen).toEqual(all);
  });

  it('windows by date with sequence numbers that do not depend on the window', () => {
    const from = Date.UTC(2020, 5, 3, 7);
    const to = Date.UTC(2020, 7, 19, 15);
    const inside = all.map((at, n) => ({ at, sequence: n + 1 })).filter(({ at }) => at >= from && at < to);
    const page = pageSeries(series, from, to, 5, 40);
    expect(page.total).toBe(inside.length);
    expect(page.entries.map(({ at, sequence }) => ({ at, sequence }))).toEqual(inside.slice(5, 45));
  });

  it('answers empty windows and limit 0 with the total alone', () => {
    expect(pageSeries(series, Date.UTC(2019, 0, 1), Date.UTC(2020, 0, 1), 0, 10)).toEqual({
      entries: [],
      total: 0,
    });
    expect(pageSeries(series, -Infinity, Infinity, 0, 0)).toEqual({ entries: [], total: all.length });
  });
});
