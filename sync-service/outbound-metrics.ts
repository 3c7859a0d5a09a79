import { Counter, Gauge, type Registry } from 'prom-client';

/** Metrics of the bank → CRM direction (outbox, CRM writer, conflicts). */
export interface OutboundMetrics {
  /** Outbox events not yet published; set at scrape time. */
  readonly outboxBacklog: Gauge;
  readonly outboxPublished: Counter;
  /** CRM writes by flavor and outcome (`written`, `duplicate`, `superseded`, `rejected`, `malformed`). */
  readonly crmWrites: Counter<'flavor' | 'outcome'>;
  /** Requests the CRM refused for its quota (each teaches the throttle). */
  readonly crmQuotaRefusals: Gauge;
  /** Of those, refusals of requests sent after the throttle had learned the CRM's level (should stay 0). */
  readonly crmQuotaRefusalsAfterLearning: Gauge;
  /** Conflicts recorded, and operator tasks still open; set at scrape time. */
  readonly conflicts: Gauge;
  readonly operatorTasksOpen: Gauge;
}

export function createOutboundMetrics(registry: Registry): OutboundMetrics {
  const registers = [registry];
  return {
    outboxBacklog: new Gauge({
      name: 'corebridge_outbox_backlog',
      help: 'Outbox events not yet published',
      registers,
    }),
    outboxPublished: new Counter({
      name: 'corebridge_outbox_published_total',
      help: 'Outbox events published',
      registers,
    }),
    crmWrites: new Counter({
      name: 'corebridge_crm_writes_total',
      help: 'Bank-side writes to the CRM by outcome',
      labelNames: ['flavor', 'outcome'],
      registers,
    }),
    crmQuotaRefusals: new Gauge({
      name: 'corebridge_crm_quota_refusals',
      help: 'CRM requests refused for the quota since start',
      registers,
    }),
    crmQuotaRefusalsAfterLearning: new Gauge({
      name: 'corebridge_crm_quota_refusals_after_learning',
      help: 'CRM quota refusals of requests sent after the throttle had learned the quota',
      registers,
    }),
    conflicts: new Gauge({ name: 'corebridge_conflicts', help: 'Conflicts recorded', registers }),
    operatorTasksOpen: new Gauge({
      name: 'corebridge_operator_tasks_open',
      help: 'Operator tasks still open',
      registers,
    }),
  };
}
