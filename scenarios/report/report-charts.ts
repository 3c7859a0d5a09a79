import { basename } from 'node:path';
import type { RunTimeline } from './run-timeline.ts';
import { type ChartSeries, type ChartShade, lineChart } from './svg-chart.ts';

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf', '#7f7f7f'];
const color = (i: number) => COLORS[i % COLORS.length] as string;

type Point = readonly [number, number];

function pointsOf<T extends { readonly t: number }>(
  rows: readonly T[],
  value: (row: T) => number | undefined,
): Point[] {
  return rows.flatMap((row) => {
    const v = value(row);
    return v === undefined || !Number.isFinite(v) ? [] : [[row.t / 1000, v] as const];
  });
}

/**
 * The report's charts, all on the scenario clock with the fault windows (red; outages grey,
 * maintenance amber) and k6 runs (blue)
 * shaded: request rate, p95/p99, consumer lag, backlogs, and how far the cache is behind the truth.
 */
export function reportCharts(timeline: RunTimeline): string[] {
  const shades: ChartShade[] = [
    ...timeline.faultWindows.map((w) => ({
      fromS: w.fromMs / 1000,
      toS: w.toMs / 1000,
      label: w.label,
      kind: w.kind ?? ('fault' as const),
    })),
    ...timeline.loads.map((l) => ({
      fromS: l.fromMs / 1000,
      toS: l.toMs / 1000,
      label: `k6 ${basename(l.script)}`,
      kind: 'load' as const,
    })),
  ];
  const xMaxS = Math.max(timeline.endMs, timeline.durationMs) / 1000;
  const samples = timeline.samples;
  const chart = (id: string, title: string, unit: string, series: ChartSeries[]) =>
    lineChart({ id, title, unit, xMaxS, series, shades });
  const loadSeries = (
    name: string,
    pick: (b: RunTimeline['loads'][number]['buckets'][number]) => number,
    offset: number,
  ) =>
    timeline.loads.map((l, i) => ({
      name: `k6 ${basename(l.script, '.k6.ts')} ${name}`,
      points: pointsOf(l.buckets, pick),
      color: color(offset + i),
    }));

  const topics = [...new Set(samples.flatMap((s) => Object.keys(s.lagSeconds)))].sort();
  const hasOutbox = samples.some((s) => s.outboxBacklog !== undefined);
  return [
    chart('requests', 'Request rate', 'requests per real second', [
      {
        name: 'served by the sync service',
        points: pointsOf(samples, (s) => s.requestsPerSecond),
        color: color(0),
      },
      ...loadSeries('requests', (b) => b.rps, 2),
      ...loadSeries('failed', (b) => b.failedPerSecond, 5),
    ]),
    chart('latency', 'Latency p95 / p99', 'ms', [
      { name: 'sync service p95', points: pointsOf(samples, (s) => s.p95Ms), color: color(0) },
      { name: 'sync service p99', points: pointsOf(samples, (s) => s.p99Ms), color: color(1), dashed: true },
      ...loadSeries('p95', (b) => b.p95Ms, 2),
      ...loadSeries('p99', (b) => b.p99Ms, 4).map((s) => ({ ...s, dashed: true })),
    ]),
    chart(
      'lag',
      'Consumer lag',
      'seconds behind the source',
      topics.map((topic, i) => ({
        name: topic,
        points: pointsOf(samples, (s) => s.lagSeconds[topic]),
        color: color(i),
      })),
    ),
    chart('backlog', 'Backlogs', 'messages', [
      { name: 'dead letters (DLQ)', points: pointsOf(samples, (s) => s.deadLetterBacklog), color: color(1) },
      ...(hasOutbox
        ? [{ name: 'outbox', points: pointsOf(samples, (s) => s.outboxBacklog), color: color(3) }]
        : []),
      {
        name: 'ABS events held at the source',
        points: pointsOf(samples, (s) => s.sourceBacklog),
        color: color(0),
      },
    ]),
    chart('divergence', 'Cache behind the source truth', 'ABS postings booked but not in the cache', [
      {
        name: 'postings missing from the cache',
        points: pointsOf(samples, (s) => s.divergence),
        color: color(1),
      },
    ]),
    chart(
      'injections',
      'Faults injected',
      'per scenario second, by timeline rule',
      timeline.injections.map((rule, i) => ({
        name: rule.label,
        points: rule.perSecond.map(([second, count]) => [second, count] as const),
        color: color(i),
      })),
    ),
  ];
}
