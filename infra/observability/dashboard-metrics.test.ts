import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSyncMetrics } from '../../sync-service/metrics.ts';
import { metricNamesOf } from './promql-metric-names.ts';

interface Panel {
  readonly title: string;
  readonly targets?: readonly { readonly expr: string }[];
  readonly panels?: readonly Panel[];
}

const dashboard = JSON.parse(
  readFileSync(join(import.meta.dirname, 'grafana/dashboards/corebridge.json'), 'utf8'),
) as { panels: Panel[] };

// Rows nest their panels; every expression counts wherever it sits.
const panelsOf = (panels: readonly Panel[]): Panel[] =>
  panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);

/** The series names the sync service's registry exposes: a histogram's as Prometheus stores them. */
async function exportedNames(): Promise<Set<string>> {
  const { registry } = createSyncMetrics();
  const suffixes: Record<string, string[]> = {
    histogram: ['_bucket', '_sum', '_count'],
    summary: ['', '_sum', '_count'],
  };
  const metrics = await registry.getMetricsAsJSON();
  return new Set(
    metrics.flatMap(({ name, type }) => (suffixes[String(type)] ?? ['']).map((suffix) => name + suffix)),
  );
}

describe('the Grafana dashboard', () => {
  const expressions = panelsOf(dashboard.panels).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
  );
  const used = [...new Set(expressions.flatMap(({ expr }) => metricNamesOf(expr)))];

  it('reads only metrics the sync service exports', async () => {
    const exported = await exportedNames();
    expect(expressions.length).toBeGreaterThan(10);
    const unknown = expressions.flatMap(({ panel, expr }) =>
      metricNamesOf(expr)
        .filter((name) => !exported.has(name))
        .map((name) => `${panel}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('shows what the operators watch: lag, sequencing, breakers, slots, outbox, CRM writes, drift, latency', () => {
    expect(used).toEqual(
      expect.arrayContaining([
        'corebridge_consumer_lag_seconds',
        'corebridge_applied_total',
        'corebridge_duplicates_total',
        'corebridge_sequence_gaps_total',
        'corebridge_circuit_breaker_state',
        'corebridge_abs_pull_slots_in_use',
        'corebridge_outbox_backlog',
        'corebridge_crm_writes_total',
        'corebridge_drift_found_total',
        'corebridge_drift_healed_total',
        'corebridge_http_request_duration_seconds_bucket',
      ]),
    );
    const quantiles = expressions.filter(({ expr }) => expr.startsWith('histogram_quantile('));
    expect(quantiles.map(({ expr }) => expr.slice(0, 24))).toEqual([
      'histogram_quantile(0.95,',
      'histogram_quantile(0.99,',
    ]);
  });
});
