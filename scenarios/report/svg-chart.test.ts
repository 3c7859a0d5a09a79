import { describe, expect, it } from 'vitest';
import { lineChart, niceCeiling } from './svg-chart.ts';

describe('lineChart', () => {
  const chart = lineChart({
    id: 'lag',
    title: 'Consumer <lag>',
    unit: 's',
    xMaxS: 60,
    series: [
      {
        name: 'abs.postings',
        points: [
          [0, 0],
          [30, 4],
          [60, 1],
        ],
        color: '#123456',
      },
      { name: 'crm.cards', points: [], color: '#654321' },
    ],
    shades: [{ fromS: 15, toS: 45, label: 'abs.rest outage', kind: 'fault' }],
  });

  it('draws one path per series with points, as many vertices as points', () => {
    const paths = [
      ...chart.matchAll(/<path class="series" data-series="([^"]+)" data-points="(\d+)" d="([^"]+)"/g),
    ];
    expect(paths.map((p) => [p[1], p[2]])).toEqual([['abs.postings', '3']]);
    expect(paths[0]?.[3]?.match(/[ML]/g)).toHaveLength(3);
  });

  it('puts points on the scale: x from 0 to xMax across the plot, y from the nice maximum down to 0', () => {
    // Plot spans x 56..748 and y 12..192 (height 220, margins 12 and 28); the y maximum is 5 for data up to 4.
    expect(chart).toContain('d="M56.0 192.0 L402.0 48.0 L748.0 156.0"');
  });

  it('shades the fault window and names it, and says which series had no data', () => {
    expect(chart).toMatch(/<rect class="shade fault" x="229.0" y="12" width="346.0"/);
    expect(chart).toContain('abs.rest outage');
    expect(chart).toContain('crm.cards (no data)');
  });

  it('escapes text', () => {
    expect(chart).toContain('Consumer &lt;lag&gt;');
    expect(chart).not.toContain('<lag>');
  });
});

describe('niceCeiling', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.3, 4, 7, 12, 180, 501].map(niceCeiling)).toEqual([1, 0.5, 5, 10, 20, 200, 1000]);
  });
});
