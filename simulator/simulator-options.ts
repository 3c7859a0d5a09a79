import type { Clock } from '../infra/clock.ts';
import type { EventBus } from '../infra/event-bus.ts';
import type { Logger } from '../infra/logger.ts';
import type { AbsDatasetSize } from './abs/abs-dataset.ts';
import type { CrmFlavor } from './crm/crm-flavor.ts';

export interface SimulatorOptions {
  readonly seed: number;
  readonly dataset: AbsDatasetSize;
  readonly bus: EventBus;
  readonly clock: Clock;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 inside a container. */
  readonly host?: string;
  /**
   * How injected latency waits, in real time. Default: real milliseconds. A runner on a compressed
   * clock passes `(ms) => sleep(ms / speed)` so a 2 s stall stays 2 s of scenario time.
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Install the ABS capacity model as a standing fault rule. Default true: the ABS falls over past
   * 100 requests/s, as in production. false (`corebridge sim --no-abs-capacity`) to load-test
   * client code or the simulator itself.
   */
  readonly absCapacity?: boolean;
  /**
   * Fault journal entries held (`GET /_control/faults/journal` pages them); older ones fall out,
   * the counts per rule and the digest stay exact. Default 100 000: a whole chaos scenario, and a
   * few tens of MB at most under sustained load with a matching rule.
   */
  readonly journalCapacity?: number;
  /** Bearer token of the control API under /_control. Default: a random one (see `controlToken`). */
  readonly controlToken?: string;
  /** The CRM's wire flavor for this run. Default `salesforce`. */
  readonly crmFlavor?: CrmFlavor;
  /** Where the CRM and MDM MQ feeds go (RabbitMQ in production-like runs). Default: `bus`. */
  readonly mq?: EventBus;
  /** Where the CRM sends its signed webhooks (the sync service's intake). Default: none sent. */
  readonly crmWebhook?: { readonly url: string; readonly secret: string };
  /** Where failures nobody foresaw (500 `INTERNAL`) are logged. Default: errors only, to stderr. */
  readonly log?: Logger;
  /**
   * Serve the Salesforce Pub/Sub API (gRPC) on this port; 0 picks a free one. Default: not served,
   * so runs that do not use it open no second port. Salesforce flavor only.
   */
  readonly pubsubPort?: number;
  /**
   * PEM key and certificate for the Pub/Sub port. Default: plaintext HTTP/2. Salesforce's endpoint
   * is TLS-only and the published Node client always uses TLS: give it a self-signed pair.
   */
  readonly pubsubTls?: { readonly key: string; readonly cert: string };
  /** Keepalive of idle Pub/Sub subscriptions, real ms. Default 270 000, as Salesforce's. */
  readonly pubsubKeepaliveMs?: number;
}
