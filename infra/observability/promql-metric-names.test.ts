import { describe, expect, it } from 'vitest';
import { metricNamesOf } from './promql-metric-names.ts';

describe('metricNamesOf', () => {
  it('finds the metrics under functions, aggregations, matchers and ranges', () => {
    expect(
      metricNamesOf(
        'histogram_quantile(0.99, sum by (le, route) (rate(http_seconds_bucket{route="/a b",status=~"5.."}[$__rate_interval])))',
      ),
    ).toEqual(['http_seconds_bucket']);
    expect(metricNamesOf('time() - max(last_success_seconds) offset 5m')).toEqual(['last_success_seconds']);
    expect(metricNamesOf('a_total / on (job) group_left (x) b_total > bool 1')).toEqual([
      'a_total',
      'b_total',
    ]);
    expect(metricNamesOf('max by (topic) (lag_alarm) * 3600 or vector(0)')).toEqual(['lag_alarm']);
  });
});
