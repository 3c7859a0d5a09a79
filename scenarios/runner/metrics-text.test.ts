import { describe, expect, it } from 'vitest';
import { histogramBuckets, parseMetrics, quantileBetween, sumOf } from './metrics-text.ts';

const scrape = (fast: number, slow: number) => `
# HELP corebridge_consumer_lag_seconds Now minus the source time
# TYPE corebridge_consumer_lag_seconds gauge
corebridge_consumer_lag_seconds{topic="abs.postings"} 2.5
corebridge_consumer_lag_seconds{topic="crm.cards"} 0.5
corebridge_dead_letter_backlog 3
corebridge_http_request_duration_seconds_bucket{le="0.01",route="/api/v1/x",status="200"} ${fast}
corebridge_http_request_duration_seconds_bucket{le="0.1",route="/api/v1/x",status="200"} ${fast + slow}
corebridge_http_request_duration_seconds_bucket{le="+Inf",route="/api/v1/x",status="200"} ${fast + slow}
corebridge_http_request_duration_seconds_count{route="/api/v1/x",status="200"} ${fast + slow}
corebridge_other_total 9
`;

describe('Prometheus text sampling', () => {
  const wanted = [
    'corebridge_consumer_lag_seconds',
    'corebridge_dead_letter_backlog',
    'corebridge_http_request_duration_seconds',
  ];

  it('reads the wanted metrics with their labels and skips the rest', () => {
    const samples = parseMetrics(scrape(10, 0), wanted);
    expect(samples.filter((s) => s.name === 'corebridge_consumer_lag_seconds')).toEqual([
      { name: 'corebridge_consumer_lag_seconds', labels: { topic: 'abs.postings' }, value: 2.5 },
      { name: 'corebridge_consumer_lag_seconds', labels: { topic: 'crm.cards' }, value: 0.5 },
    ]);
    expect(sumOf(samples, 'corebridge_dead_letter_backlog')).toBe(3);
    expect(sumOf(samples, 'corebridge_outbox_backlog')).toBeUndefined();
    expect(samples.some((s) => s.name === 'corebridge_other_total')).toBe(false);
  });

  it('takes p95/p99 of what the histogram counted between two scrapes', () => {
    const before = histogramBuckets(
      parseMetrics(scrape(100, 0), wanted),
      'corebridge_http_request_duration_seconds',
    );
    // In between: 90 requests under 10 ms and 10 between 10 and 100 ms.
    const after = histogramBuckets(
      parseMetrics(scrape(190, 10), wanted),
      'corebridge_http_request_duration_seconds',
    );
    expect(quantileBetween(before, after, 0.5)).toBeCloseTo(0.01 * (50 / 90), 6);
    expect(quantileBetween(before, after, 0.95)).toBeCloseTo(0.01 + 0.09 * (5 / 10), 6);
    expect(quantileBetween(after, after, 0.95)).toBeUndefined();
  });
});
