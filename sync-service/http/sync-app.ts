import express from 'express';
import type pg from 'pg';
import type { Clock } from '../../infra/clock.ts';
import type { EventBus } from '../../infra/event-bus.ts';
import { errorMiddleware, routeNotFound } from '../../infra/http/error-middleware.ts';
import { requestLog } from '../../infra/http/request-log.ts';
import type { Logger } from '../../infra/logger.ts';
import { traceMiddleware } from '../../infra/tracing/trace-middleware.ts';
import { bankWriteRoutes } from '../bank-writes/bank-write-routes.ts';
import { conflictRoutes } from '../conflicts/conflict-routes.ts';
import type { QuotaThrottle } from '../crm-writer/quota-throttle.ts';
import type { SourceFreshness } from '../freshness/source-freshness.ts';
import { webhookRoutes } from '../intake/webhook-routes.ts';
import type { PullSlots } from '../limiter/pull-slots.ts';
import type { SyncMetrics } from '../metrics.ts';
import { outboxBacklog } from '../outbox/outbox-backlog.ts';
import { accountRoutes } from '../read-api/account-routes.ts';
import { accountsRoute } from '../read-api/accounts-route.ts';
import { clientRoutes } from '../read-api/client-routes.ts';
import { apiScope } from './auth/api-scope.ts';
import type { SyncAuthOptions } from './auth/auth-options.ts';
import { requireToken } from './auth/require-token.ts';
import { tokenVerifier } from './auth/token-verifier.ts';
import { cacheUnavailable } from './cache-unavailable.ts';
import { healthRoutes } from './health-routes.ts';
import { metricsRoutes, timeRequests } from './metrics-routes.ts';

export interface SyncAppOptions {
  readonly pool: pg.Pool;
  readonly bus: EventBus;
  readonly mq: EventBus;
  readonly metrics: SyncMetrics;
  readonly clock: Clock;
  /** How current each source's part of a read answer is, and the source's state. */
  readonly freshness: SourceFreshness;
  readonly slots: PullSlots;
  /** The CRM writer's quota throttle, when the instance writes to the CRM. */
  readonly throttle?: QuotaThrottle;
  /** Secrets CRM webhooks are signed with; none: `/webhooks` is not served. */
  readonly webhookSecrets: readonly string[];
  readonly isLoaded: () => boolean;
  /** Bearer JWTs on `/api/v1` and `/metrics`; none: no token asked for (see `SyncServiceOptions.auth`). */
  readonly auth?: SyncAuthOptions;
  /** Where failures nobody foresaw (500 `INTERNAL`) are logged. */
  readonly log: Logger;
}

const CONFLICT_COUNTS = `
  SELECT (SELECT count(*)::int FROM conflicts) AS conflicts,
    (SELECT count(*)::int FROM operator_tasks WHERE status = 'open') AS open`;

/**
 * The sync service's HTTP face: health, Prometheus metrics (gauges that live in tables are counted
 * at scrape time), the DBO's read API, the bank-side write API and the operator's conflicts, and
 * the CRM's signed webhooks. With `auth`, `/api/v1` and `/metrics` want a bearer JWT with a scope;
 * health (probes) and webhooks (HMAC-signed) never do. Errors are thrown as `ApiError`s of
 * `SYNC_ERRORS` and answered here.
 */
export function syncApp(options: SyncAppOptions): express.Express {
  const { pool, metrics, clock, slots, throttle } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(traceMiddleware, requestLog(options.log), timeRequests(metrics));
  const verify = options.auth && tokenVerifier(options.auth);
  // Tokens are checked before any body is parsed: an unauthenticated caller costs no JSON parsing.
  const apiAuth = verify ? [requireToken(verify, (r) => apiScope(r.method, r.path))] : [];
  const metricsAuth =
    verify && !options.auth?.metricsOpen ? [requireToken(verify, () => 'metrics:read')] : [];
  app.use('/health', healthRoutes({ pool, bus: options.bus, mq: options.mq, isLoaded: options.isLoaded }));
  metrics.absSlotsLimit.set(slots.limit);
  app.use(
    '/metrics',
    ...metricsAuth,
    metricsRoutes(metrics, pool, async () => {
      metrics.absSlotsInUse.set(await slots.inUse());
      metrics.outboxBacklog.set(await outboxBacklog(pool));
      const { rows } = await pool.query<{ conflicts: number; open: number }>(CONFLICT_COUNTS);
      metrics.conflicts.set(rows[0]?.conflicts ?? 0);
      metrics.operatorTasksOpen.set(rows[0]?.open ?? 0);
      if (throttle) {
        metrics.crmQuotaRefusals.set(throttle.refusals);
        metrics.crmQuotaRefusalsAfterLearning.set(throttle.refusalsAfterLearning);
      }
    }),
  );
  app.use(
    '/api/v1',
    ...apiAuth,
    express.json({ limit: '1mb' }),
    accountsRoute(pool, options.freshness),
    accountRoutes(pool, options.freshness),
    clientRoutes(pool, clock, options.freshness),
    bankWriteRoutes(pool, clock),
    conflictRoutes(pool),
  );
  const secrets = options.webhookSecrets;
  if (secrets.length > 0) app.use('/webhooks', webhookRoutes({ pool, secrets, clock, metrics }));
  // Last: every error of every route, and every path no route takes, as `{error:{code,message}}`.
  app.use(routeNotFound, cacheUnavailable, errorMiddleware(options.log));
  return app;
}
