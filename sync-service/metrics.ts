import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { createOutboundMetrics, type OutboundMetrics } from './outbound-metrics.ts';

/**
 * The sync service's Prometheus metrics, in one registry per instance (tests and scenarios run
 * several instances in one process). Served at `GET /metrics`.
 */
export interface SyncMetrics extends OutboundMetrics {
  readonly registry: Registry;
  /** Changes written to the cache, by channel (`abs.postings`, `crm.mq`, `crm.webhook`, `mdm.mq`, ...). */
  readonly applied: Counter<'channel'>;
  readonly duplicates: Counter<'channel'>;
  readonly gaps: Counter<'channel'>;
  /** Messages parked in the dead-letter table, by topic. */
  readonly deadLettered: Counter<'topic'>;
  /** Unredriven dead letters; set by whoever owns the table. */
  readonly deadLetterBacklog: Gauge;
  /** Source time of the newest message applied minus now, by topic, in seconds. */
  readonly consumerLagSeconds: Gauge<'topic'>;
  /** 1 while a topic's lag is past the alarm threshold (default 1 h, incident I4). */
  readonly consumerLagAlarm: Gauge<'topic'>;
  /** 0 closed, 1 half-open, 2 open; by source (`abs`, `crm`, `mdm`). */
  readonly breakerState: Gauge<'source'>;
  /** ABS pull slots held across all instances, and the limit (incident I1). */
  readonly absSlotsInUse: Gauge;
  readonly absSlotsLimit: Gauge;
  /** Webhook deliveries by outcome (`accepted`, `replayed`, `conflict`, `rejected-signature`, ...). */
  readonly webhooks: Counter<'outcome'>;
  /**
   * Webhook deliveries the inbox processor set aside as dead letters after failing alone, by cause:
   * `rejected` (the database refused its values, or it is no CRM change) or `attempts-exhausted`
   * (it kept failing otherwise).
   */
  readonly webhooksParked: Counter<'cause'>;
  /** Postings dropped by the business horizon filter (older than the horizon, incident I4). */
  readonly postingsBeyondHorizon: Counter;
  readonly httpDuration: Histogram<'route' | 'status'>;
  /** Differences between the cache and a source's reference found by reconciliation or sampled validation, by source and reason. */
  readonly driftFound: Counter<'source' | 'reason'>;
  /** The differences repaired (some found ones heal themselves meanwhile: a posting applied after the snapshot). */
  readonly driftHealed: Counter<'source' | 'reason'>;
  /** Source time the last ABS reconciliation finished, seconds since the epoch. */
  readonly reconciliationLastSuccess: Gauge;
  readonly reconciliationDuration: Gauge;
  readonly reconciliationSnapshotRows: Gauge;
}

export function createSyncMetrics(): SyncMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'corebridge_' });
  const registers = [registry];
  return {
    registry,
    ...createOutboundMetrics(registry),
    applied: new Counter({
      name: 'corebridge_applied_total',
      help: 'Changes written to the cache',
      labelNames: ['channel'],
      registers,
    }),
    duplicates: new Counter({
      name: 'corebridge_duplicates_total',
      help: 'Changes dropped as duplicates by the sequencer',
      labelNames: ['channel'],
      registers,
    }),
    gaps: new Counter({
      name: 'corebridge_sequence_gaps_total',
      help: 'Sequence gaps found (lost messages), each closed by a point fetch',
      labelNames: ['channel'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'corebridge_dead_lettered_total',
      help: 'Messages parked in the dead-letter table',
      labelNames: ['topic'],
      registers,
    }),
    deadLetterBacklog: new Gauge({
      name: 'corebridge_dead_letter_backlog',
      help: 'Dead letters not yet redriven',
      registers,
    }),
    consumerLagSeconds: new Gauge({
      name: 'corebridge_consumer_lag_seconds',
      help: 'Now minus the source time of the newest message applied',
      labelNames: ['topic'],
      registers,
    }),
    consumerLagAlarm: new Gauge({
      name: 'corebridge_consumer_lag_alarm',
      help: '1 while the consumer lag is past the alarm threshold',
      labelNames: ['topic'],
      registers,
    }),
    breakerState: new Gauge({
      name: 'corebridge_circuit_breaker_state',
      help: 'Circuit breaker per source: 0 closed, 1 half-open, 2 open',
      labelNames: ['source'],
      registers,
    }),
    absSlotsInUse: new Gauge({
      name: 'corebridge_abs_pull_slots_in_use',
      help: 'ABS pull slots leased across all instances',
      registers,
    }),
    absSlotsLimit: new Gauge({
      name: 'corebridge_abs_pull_slots_limit',
      help: 'Global limit of concurrent ABS pulls',
      registers,
    }),
    webhooks: new Counter({
      name: 'corebridge_webhooks_total',
      help: 'Webhook deliveries by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    webhooksParked: new Counter({
      name: 'corebridge_webhook_deliveries_parked_total',
      help: 'Webhook deliveries the inbox processor parked as dead letters',
      labelNames: ['cause'],
      registers,
    }),
    postingsBeyondHorizon: new Counter({
      name: 'corebridge_postings_beyond_horizon_total',
      help: 'Postings older than the business horizon, not applied',
      registers,
    }),
    httpDuration: new Histogram({
      name: 'corebridge_http_request_duration_seconds',
      help: 'HTTP requests served',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    driftFound: new Counter({
      name: 'corebridge_drift_found_total',
      help: 'Differences from a source found by reconciliation or sampled validation',
      labelNames: ['source', 'reason'],
      registers,
    }),
    driftHealed: new Counter({
      name: 'corebridge_drift_healed_total',
      help: 'Differences from a source repaired by reconciliation or sampled validation',
      labelNames: ['source', 'reason'],
      registers,
    }),
    reconciliationLastSuccess: new Gauge({
      name: 'corebridge_reconciliation_last_success_timestamp_seconds',
      help: 'When the last ABS reconciliation finished (source clock)',
      registers,
    }),
    reconciliationDuration: new Gauge({
      name: 'corebridge_reconciliation_duration_seconds',
      help: 'How long the last ABS reconciliation took, snapshot stream to commit',
      registers,
    }),
    reconciliationSnapshotRows: new Gauge({
      name: 'corebridge_reconciliation_snapshot_rows',
      help: 'Accounts in the last reconciled ABS snapshot',
      registers,
    }),
  };
}
