import { describe, expect, it } from 'vitest';
import { TrafficSchedule } from './traffic-schedule.ts';

describe('the traffic schedule', () => {
  it('hands out the n-th item of each kind at n / rate, in time order, whatever the ticks', () => {
    const schedule = new TrafficSchedule({ posting: 4, 'crm-change': 2, 'mdm-change': 0 });
    const late = [...schedule.due(1_000)];
    expect(late.map((i) => `${i.kind}@${i.at}`)).toEqual([
      'posting@250',
      'posting@500',
      'crm-change@500',
      'posting@750',
      'posting@1000',
      'crm-change@1000',
    ]);
    expect([...schedule.due(1_000)]).toEqual([]);
    expect([...schedule.due(1_249)]).toEqual([]);
    expect([...schedule.due(1_250)].map((i) => i.kind)).toEqual(['posting']);
  });

  it('gives the same count for a duration however it is ticked', () => {
    const coarse = new TrafficSchedule({ posting: 20, 'crm-change': 3, 'mdm-change': 7 });
    const fine = new TrafficSchedule({ posting: 20, 'crm-change': 3, 'mdm-change': 7 });
    const once = [...coarse.due(120_000)];
    const ticked = [];
    for (let t = 0; t <= 120_000; t += 37) ticked.push(...fine.due(t));
    ticked.push(...fine.due(120_000));
    expect(ticked).toEqual(once);
    expect(once.filter((i) => i.kind === 'posting')).toHaveLength(2_400);
  });
});
