import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../infra/clock.ts';
import type { EventBus, Subscription } from '../infra/event-bus.ts';
import { listen } from '../infra/http-server.ts';
import type { Logger } from '../infra/logger.ts';
import { redeliveryDelayMs } from '../infra/redelivery-backoff.ts';
import { withTracing } from '../infra/tracing/traced-bus.ts';
import { type AbsClient, createAbsClient } from './abs/abs-client.ts';
import { initialLoad } from './abs/initial-load.ts';
import { limitAbsClient } from './abs/limited-abs-client.ts';
import { runPostingsGapJob } from './abs/postings-gap-job.ts';
import { compensatingJobs } from './compensating-jobs.ts';
import { consumeAbsPostings } from './consumers/abs-postings-consumer.ts';
import type { CrmFetcher } from './crm/crm-fetcher.ts';
import { type CrmWriterConfig, createCrmWriter } from './crm-writer/create-crm-writer.ts';
import { createPool } from './db/create-pool.ts';
import { migrate } from './db/migrate.ts';
import { syncDefaults } from './defaults.ts';
import { startAbsProbe } from './freshness/abs-probe.ts';
import { createSourceFreshness } from './freshness/source-freshness.ts';
import type { SyncAuthOptions } from './http/auth/auth-options.ts';
import { syncApp } from './http/sync-app.ts';
import { startInboxProcessor } from './intake/inbox-processor.ts';
import { createPullQueue } from './limiter/pull-queue.ts';
import { createPullSlots } from './limiter/pull-slots.ts';
import { startPullWorkers } from './limiter/pull-workers.ts';
import { createSyncMetrics, type SyncMetrics } from './metrics.ts';
import { startOutboxDispatcher } from './outbox/outbox-dispatcher.ts';
import type { ReconcileOutcome } from './reconcile/reconcile-abs.ts';
import {
  createSourcePolicy,
  type SourcePolicy,
  type SourcePolicyOptions,
} from './resilience/source-policy.ts';
import { startFeeds } from './start-feeds.ts';
import { emptySyncStats, type SyncStats } from './sync-stats.ts';
import type { SampledValidationOutcome } from './validate/validate-sample.ts';

export interface SyncServiceOptions {
  readonly databaseUrl: string;
  /** The ABS's topics (Kafka in production). */
  readonly bus: EventBus;
  /** The CRM's and the MDM's MQ feeds (RabbitMQ in production). Default: `bus`. */
  readonly mq?: EventBus;
  readonly absUrl: string;
  /**
   * The ABS's REST API. Default: the REST client at `absUrl`. Another one is also how a test runs
   * the service with a protection taken away (gap pulls that never find anything) to prove a
   * scenario would notice.
   */
  readonly absClient?: AbsClient;
  /**
   * How the calls to each source (`abs`, `crm`, `mdm`, `crm-writer`) are retried and broken
   * (incident I7). Default: `createSourcePolicy`, retries inside a circuit breaker.
   */
  readonly sourcePolicy?: (options: SourcePolicyOptions) => SourcePolicy;
  /** The MDM's REST API, for closing gaps in its feed. Without it the MDM feed is not consumed. */
  readonly mdmUrl?: string;
  /** Reads CRM records by id to close gaps in the CRM feed; without it a gap is closed by the next message's state. */
  readonly crmFetcher?: CrmFetcher;
  /** Consume Salesforce change data capture (`crm.salesforce.cdc` on `bus`); needs `crmFetcher`. Default false. */
  readonly salesforceCdc?: boolean;
  /**
   * OAuth2 bearer JWTs (issuer, audience, keys) on the read API (`cache:read`), bank writes
   * (`crm:write`), conflicts (`conflicts:resolve`) and `/metrics` (`metrics:read`, unless
   * `metricsOpen`). Default none: no token asked for — for tests and scenario runs in one process;
   * `corebridge sync` refuses to start without it unless told `--no-auth`.
   */
  readonly auth?: SyncAuthOptions;
  /** Secrets CRM webhooks are signed with (two during a rotation). Without them `/webhooks` is not served. */
  readonly webhookSecrets?: readonly string[];
  /**
   * Write the bank's changes (outbox `crm.write` events) to this CRM. Without it the events are
   * still published to `sync.processed`, for whichever writer runs elsewhere.
   */
  readonly crmWriter?: CrmWriterConfig;
  /** Turnovers older than this many months are not applied (incident I4). Default `syncDefaults.horizonMonths`. */
  readonly horizonMonths?: number;
  /** Consumer lag that raises the alarm, seconds. Default `syncDefaults.lagAlarmSeconds`. */
  readonly lagAlarmSeconds?: number;
  /** ABS calls in flight across all instances (incident I1). Default `syncDefaults.absPullLimit`. */
  readonly absPullLimit?: number;
  /** How often the ABS is probed for the read API's freshness, ms. Default `syncDefaults.absProbeEveryMs`. */
  readonly absProbeEveryMs?: number;
  /** This instance's name in the shared slot and job tables. Default: a random one. */
  readonly instanceId?: string;
  readonly clock: Clock;
  readonly log: Logger;
  /**
   * Prefix of the instances' consumer groups, one group per consumed topic (`<prefix>.abs`,
   * `.crm`, `.mdm`): kafkajs' assigners expect every member of a group to subscribe alike.
   * Default `syncDefaults.groupId`.
   */
  readonly groupId?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Interface to listen on. Default `syncDefaults.host`; 0.0.0.0 inside a container. */
  readonly host?: string;
  /**
   * Sampled validation of the CRM's and the MDM's MQ feeds against their sources' reference logs
   * (incident I6). `cron` (UTC, on `clock`) runs it by itself; `fraction` of the clients is checked
   * per run (default `syncDefaults.validationFraction`); `limit` bounds the entities per channel and
   * run (default `syncDefaults.validationLimit`); the MDM feed is checked when `mdmUrl` is set, the
   * CRM feed when `crmFeedUrl` (the CRM feed's reference log) is. Default: no schedule —
   * `validateSample()` still runs it on demand; `corebridge sync` sets `syncDefaults.validateCron`.
   */
  readonly sampledValidation?: {
    readonly cron?: string;
    readonly fraction?: number;
    readonly limit?: number;
    readonly crmFeedUrl?: string;
    readonly checkEveryMs?: number;
  };
  /**
   * The ABS reconciliation with the replica snapshot (incident I3). `cron` (UTC, on `clock`) runs
   * it by itself, e.g. "0 3 * * *"; every instance may carry the same cron, a lock lets one run.
   * `snapshotUrl` is the replica's base URL (default `absUrl`); `checkEveryMs` how often the
   * schedule looks at the clock (default `syncDefaults.scheduleCheckEveryMs`). Default: no schedule
   * — `reconcile()` and `corebridge reconcile` still run it on demand; `corebridge sync` sets
   * `syncDefaults.reconcileCron`.
   */
  readonly reconcile?: {
    readonly cron?: string;
    readonly snapshotUrl?: string;
    readonly checkEveryMs?: number;
  };
}

export interface SyncService {
  readonly url: string;
  readonly stats: SyncStats;
  readonly metrics: SyncMetrics;
  /** Resolves once the initial load is in and the consumers run. */
  readonly ready: Promise<void>;
  /** Checks a sample of clients against the CRM's and the MDM's reference logs now, healing drift. */
  validateSample(): Promise<SampledValidationOutcome>;
  /** Reconciles the cache with the ABS snapshot now (skipped when another instance is at it). */
  reconcile(): Promise<ReconcileOutcome>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startSyncService(options: SyncServiceOptions): Promise<SyncService> {
  const { log, clock } = options;
  await migrate(options.databaseUrl);
  // Each resource's release goes on the stack the moment it is acquired: a step that throws
  // releases what the steps before it took, in reverse order, and stop() unwinds the same stack.
  await using starting = new AsyncDisposableStack();
  const stats = emptySyncStats();
  const metrics = createSyncMetrics();
  const pool = createPool({ databaseUrl: options.databaseUrl, log });
  starting.defer(() => pool.end());
  const bus = withTracing(options.bus);
  const mq = options.mq ? withTracing(options.mq) : bus;
  const instanceId = options.instanceId ?? `sync-${randomUUID().slice(0, 8)}`;
  const slots = await createPullSlots({ pool, limit: options.absPullLimit, holder: instanceId });
  // Every source call goes through its policy, so the read API learns there how each source is doing.
  const freshness = createSourceFreshness(clock);
  const policyFor = (source: string) =>
    freshness.watch(
      source,
      (options.sourcePolicy ?? createSourcePolicy)({ source, breakerState: metrics.breakerState }),
    );
  const abs = limitAbsClient(options.absClient ?? createAbsClient(options.absUrl), slots, policyFor('abs'));
  const pulls = createPullQueue(pool, instanceId);
  const groupId = options.groupId ?? syncDefaults.groupId;
  // A bad mapping profile stops the start here, before anything listens or consumes.
  const crm = options.crmWriter ? createCrmWriter(options.crmWriter, clock) : undefined;
  const jobs = compensatingJobs({
    databaseUrl: options.databaseUrl,
    pool,
    absUrl: options.absUrl,
    holder: instanceId,
    metrics,
    log,
    clock,
    reconcile: options.reconcile,
    sampledValidation: options.sampledValidation,
  });
  starting.defer(() => jobs.stop());

  let isReady = false;
  const secrets = options.webhookSecrets ?? [];
  const app = syncApp({
    pool,
    bus,
    mq,
    metrics,
    clock,
    freshness,
    slots,
    throttle: crm?.throttle,
    webhookSecrets: secrets,
    isLoaded: () => isReady,
    log,
    auth: options.auth,
  });
  if (secrets.length > 0) {
    const inbox = startInboxProcessor({ pool, databaseUrl: options.databaseUrl, metrics, log });
    starting.defer(() => inbox.stop());
  }
  const http = await listen(app, options.port, options.host ?? syncDefaults.host);
  starting.defer(() => http.close());
  const probe = startAbsProbe({ abs, log, everyMs: options.absProbeEveryMs });
  starting.defer(() => probe.stop());
  const dispatcher = startOutboxDispatcher({
    pool,
    databaseUrl: options.databaseUrl,
    bus,
    log,
    onPublished: (count) => metrics.outboxPublished.inc(count),
  });
  starting.defer(() => dispatcher.stop());

  // From here on the service runs; the consumers start in the background and stop() owns the stack.
  const running = starting.move();
  const halt = new AbortController();
  const subscriptions: Subscription[] = [];
  let workers: { stop(): Promise<void> } | undefined;
  // The ABS may be down at start: keep trying, while the read API already serves what the cache has.
  const consumers = (async () => {
    await startFeeds({
      bus,
      mq,
      pool,
      metrics,
      log,
      clock,
      groupId,
      policyFor,
      mdmUrl: options.mdmUrl,
      crmFetcher: options.crmFetcher,
      salesforceCdc: options.salesforceCdc ?? false,
      crmFeedUrl: options.sampledValidation?.crmFeedUrl,
      crmWriter: crm?.writer,
      subscriptions,
      validated: jobs.validated,
      freshness,
    });
    for (let attempt = 0; !halt.signal.aborted; attempt++) {
      try {
        const accounts = await initialLoad(pool, abs, clock.now);
        log.info({ accounts }, 'initial load done');
        break;
      } catch (error) {
        log.warn({ err: (error as Error).message, attempt }, 'initial load failed; retrying');
        // stop() cuts the wait short rather than leaving a timer to hold the process.
        await sleep(redeliveryDelayMs(attempt), undefined, { signal: halt.signal }).catch(() => {});
      }
    }
    if (halt.signal.aborted) return;
    subscriptions.push(
      await consumeAbsPostings({
        bus,
        pool,
        pulls,
        stats,
        metrics,
        clock,
        log,
        groupId: `${groupId}.abs`,
        horizonMonths: options.horizonMonths,
        lagAlarmSeconds: options.lagAlarmSeconds,
        freshness,
      }),
    );
    workers = startPullWorkers({
      queue: pulls,
      log,
      handle: (job) => runPostingsGapJob(job, { pool, abs, stats, metrics }),
    });
    jobs.schedule();
    isReady = true;
  })();
  // Last on the stack, so first to go: no consumer may still be starting while the pool closes.
  running.defer(async () => {
    halt.abort();
    await consumers.catch(() => {});
    await Promise.all(subscriptions.map((s) => s.stop()));
    await workers?.stop();
  });

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= running.disposeAsync();
    return stopped;
  };
  // A consumer that cannot start fails `ready` and releases everything, as a failed start would.
  const ready = consumers.catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    url: http.url,
    stats,
    metrics,
    ready,
    // On demand before the schedule started (no cron, or not ready yet): a job of its own, same lock.
    reconcile: jobs.reconcile,
    validateSample: jobs.validateSample,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
