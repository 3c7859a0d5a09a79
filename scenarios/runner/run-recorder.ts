import pg from 'pg';
import type { Clock } from '../../infra/clock.ts';
import type { Simulator } from '../../simulator/start-simulator.ts';
import { histogramBuckets, parseMetrics, quantileBetween, sumOf } from './metrics-text.ts';
import { metricsText } from './scrape-metrics.ts';

/** One look at the system during a run, on the scenario clock. */
export interface RunSample {
  /** Scenario ms since traffic started. */
  readonly t: number;
  /** Consumer lag by topic, seconds (`corebridge_consumer_lag_seconds`). */
  readonly lagSeconds: Readonly<Record<string, number>>;
  readonly deadLetterBacklog: number | undefined;
  /** `corebridge_outbox_backlog`, when the service exports it. */
  readonly outboxBacklog: number | undefined;
  /** ABS events held at the source (an outage queues them there). */
  readonly sourceBacklog: number;
  /** ABS postings booked minus postings in the cache: how far the cache is behind the truth. */
  readonly divergence: number | undefined;
  /** Requests the sync service served per real second since the previous sample. */
  readonly requestsPerSecond: number | undefined;
  /** p95/p99 of those requests, ms, from the service's own histogram. */
  readonly p95Ms: number | undefined;
  readonly p99Ms: number | undefined;
  /** The CRM writer's circuit breaker: 0 closed, 1 half-open, 2 open; undefined without a writer. */
  readonly crmWriterBreaker: number | undefined;
}

const WANTED = [
  'corebridge_consumer_lag_seconds',
  'corebridge_dead_letter_backlog',
  'corebridge_outbox_backlog',
  'corebridge_http_request_duration_seconds',
  'corebridge_circuit_breaker_state',
];
const HISTOGRAM = 'corebridge_http_request_duration_seconds';
/** Real ms between samples: often enough for a 3 s outage to show, cheap enough not to be the load. */
export const SAMPLE_INTERVAL_MS = 250;

/**
 * Samples the sync service's `/metrics`, the simulator's source backlog and the cache's posting
 * count against the ABS's truth every {@link SAMPLE_INTERVAL_MS}, stamping each on the scenario
 * clock so the report can lay it beside the fault journal and k6's buckets.
 */
export class RunRecorder {
  readonly samples: RunSample[] = [];
  private readonly syncUrl: string;
  private readonly sim: Simulator;
  private readonly clock: Clock;
  private readonly start: number;
  private readonly client: pg.Client;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private closed = false;
  private previous: { real: number; count: number; buckets: Map<number, number> } | undefined;

  constructor(options: {
    syncUrl: string;
    sim: Simulator;
    clock: Clock;
    start: number;
    databaseUrl: string;
  }) {
    this.syncUrl = options.syncUrl;
    this.sim = options.sim;
    this.clock = options.clock;
    this.start = options.start;
    this.client = new pg.Client({ connectionString: options.databaseUrl });
    // A lost connection costs samples, not the run.
    this.client.on('error', () => {});
  }

  async begin(): Promise<void> {
    await this.client.connect();
    await this.sample();
    this.timer = setInterval(() => void this.sample(), SAMPLE_INTERVAL_MS);
  }

  /** Takes a last sample and stops. */
  async end(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    while (this.busy) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.sample();
    await this.close();
  }

  /** Stops without a last sample (a run that broke); safe to call again. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    if (this.closed) return;
    this.closed = true;
    await this.client.end().catch(() => {});
  }

  private async sample(): Promise<void> {
    // A slow scrape under load must not stack up behind itself: skip the tick instead.
    if (this.busy || this.closed) return;
    this.busy = true;
    try {
      const t = this.clock.now() - this.start;
      const real = performance.now();
      const booked = this.sim.abs.store.postingCount();
      const [text, cached] = await Promise.all([
        metricsText(this.syncUrl, 2_000),
        this.client
          .query<{ n: string }>('SELECT count(*) AS n FROM postings')
          .then((r) => Number(r.rows[0]?.n ?? 0)),
      ]);
      // The recorder's own scrapes are not the system's traffic.
      const samples = parseMetrics(text, WANTED).filter((m) => m.labels.route !== '/metrics');
      const lagSeconds: Record<string, number> = {};
      for (const s of samples)
        if (s.name === 'corebridge_consumer_lag_seconds') lagSeconds[s.labels.topic ?? ''] = s.value;
      const buckets = histogramBuckets(samples, HISTOGRAM);
      const count = sumOf(samples, `${HISTOGRAM}_count`) ?? 0;
      const before = this.previous;
      this.previous = { real, count, buckets };
      const quantile = (q: number) => {
        const value = before && quantileBetween(before.buckets, buckets, q);
        return value === undefined ? undefined : value * 1000;
      };
      this.samples.push({
        t,
        lagSeconds,
        deadLetterBacklog: sumOf(samples, 'corebridge_dead_letter_backlog'),
        outboxBacklog: sumOf(samples, 'corebridge_outbox_backlog'),
        sourceBacklog: this.sim.abs.feed.backlog,
        divergence: booked - cached,
        requestsPerSecond: before
          ? ((count - before.count) * 1000) / Math.max(1, real - before.real)
          : undefined,
        p95Ms: quantile(0.95),
        p99Ms: quantile(0.99),
        crmWriterBreaker: samples.find(
          (m) => m.name === 'corebridge_circuit_breaker_state' && m.labels.source === 'crm-writer',
        )?.value,
      });
    } catch {
      // A missed sample is a gap in a chart, not a failed run: the verdicts come from the checkers.
    } finally {
      this.busy = false;
    }
  }
}
