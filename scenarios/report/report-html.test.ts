import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../runner/verdict.ts';
import { reportHtml } from './report-html.ts';
import { reportIndexHtml } from './report-index.ts';

const sample = (t: number, lag: number, divergence: number) => ({
  t,
  lagSeconds: { 'abs.postings': lag },
  deadLetterBacklog: 0,
  outboxBacklog: undefined,
  sourceBacklog: divergence,
  divergence,
  requestsPerSecond: 20,
  p95Ms: 4,
  p99Ms: 9,
  crmWriterBreaker: undefined,
});

const result: ScenarioResult = {
  scenario: 'tiny',
  file: 'scenarios/tiny.yaml',
  bus: 'memory',
  seed: 1,
  passed: false,
  realDurationMs: 4_200,
  verdicts: [
    { check: 'lost', expected: '≤ 0', actual: '0', passed: true },
    {
      check: 'k6 webhook-storm.k6.ts',
      expected: 'thresholds hold',
      actual: 'breached checks',
      passed: false,
    },
  ],
  timeline: {
    speed: 10,
    durationMs: 30_000,
    endMs: 32_000,
    faultWindows: [{ label: 'abs.rest outage', fromMs: 10_000, toMs: 20_000 }],
    injections: [{ label: 'timeline[0] abs.rest outage', perSecond: [[12, 3]] }],
    samples: [sample(0, 0, 0), sample(10_000, 5, 40), sample(20_000, 9, 80), sample(32_000, 0, 0)],
    loads: [
      {
        script: 'load/webhook-storm.k6.ts',
        fromMs: 2_000,
        toMs: 8_000,
        buckets: [
          { at: 1, t: 2_000, rps: 30, failedPerSecond: 0, p95Ms: 8, p99Ms: 12 },
          { at: 2, t: 12_000, rps: 31, failedPerSecond: 1, p95Ms: 9, p99Ms: 40 },
        ],
        passed: false,
        thresholds: [{ metric: 'checks', expression: 'rate>0.99', passed: false }],
        cpu: { k6Ms: 900, systemMs: 1_000, clientBound: true },
      },
    ],
  },
};

describe('scenario report HTML', () => {
  const html = reportHtml({
    kind: 'corebridge-scenario-run',
    generatedAt: '2026-11-21T00:00:00.000Z',
    result,
  });

  it('is self-contained: no external script, stylesheet, image or font', () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img|@import|url\(/);
  });

  it('has the verdict table, one row a verdict', () => {
    const table = html.slice(html.indexOf('<table id="verdicts"'), html.indexOf('</table>'));
    expect(table.match(/<tr><td>/g)).toHaveLength(2);
    expect(table).toContain('class="fail">FAIL');
  });

  it('draws the six timeline charts, k6 buckets among the series, with the fault window and k6 run shaded', () => {
    expect(html.match(/<figure class="chart"/g)).toHaveLength(6);
    expect(html).toContain('data-series="k6 webhook-storm requests" data-points="2"');
    expect(html).toContain('data-series="abs.postings" data-points="4"');
    expect(html.match(/<rect class="shade fault"/g)).toHaveLength(6);
    expect(html.match(/<rect class="shade load"/g)).toHaveLength(6);
  });

  it('labels a client-bound load run and states both CPU figures', () => {
    expect(html).toContain('client-bound');
    expect(html).toContain('k6 0.90 s, system 1.00 s');
  });

  it('embeds the JSON it was drawn from', () => {
    const json = /<script type="application\/json" id="run-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(json).result).toEqual(result);
  });

  it('lists the offenders of a failed verdict under the verdicts, and none when there are none', () => {
    expect(html).not.toContain('id="offenders"');
    const offenders = [
      {
        verdict: 'lost' as const,
        entity: 'mdm client m-1',
        source: { version: 2 },
        cache: { version: 1 },
        history: [],
        faults: [],
      },
    ];
    const failed = reportHtml({
      kind: 'corebridge-scenario-run',
      generatedAt: '2026-11-21T00:00:00.000Z',
      result: { ...result, offenders },
    });
    const verdicts = failed.indexOf('<table id="verdicts"');
    expect(failed.indexOf('<table id="offenders">')).toBeGreaterThan(verdicts);
    expect(failed).toContain('<code>mdm client m-1</code>');
  });

  it('is linked from the index with its verdict', () => {
    const index = reportIndexHtml([
      {
        href: 'tiny-memory.html',
        report: { kind: 'corebridge-scenario-run', generatedAt: 'x', result, commit: 'abc1234' },
      },
    ]);
    expect(index).toContain('<a href="tiny-memory.html">tiny</a>');
    expect(index).toContain(`<td class="n">${result.seed}</td><td><code>abc1234</code></td>`);
    expect(index).toContain('<a href="tiny-memory.json">JSON</a>');
    expect(index).toContain('FAIL: k6 webhook-storm.k6.ts');
    expect(index).toContain('client-bound');
  });
});
