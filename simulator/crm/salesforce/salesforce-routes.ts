import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { Clock } from '../../../infra/clock.ts';
import type { CrmStore } from '../crm-store.ts';
import { oauthRoutes, type SalesforceCredentials } from './oauth-routes.ts';
import { MAX_QUERY_BATCH, queryRoutes } from './query-routes.ts';
import {
  isSalesforceApiError,
  resourceNotFound,
  SalesforceApiError,
  sendSalesforceError,
} from './salesforce-api-error.ts';
import { SalesforceApiUsage } from './salesforce-api-usage.ts';
import { releaseLabel } from './salesforce-org.ts';
import { rememberCaller } from './salesforce-request.ts';
import { DEFAULT_SESSION_TTL_MS, SalesforceSessions } from './salesforce-sessions.ts';
import { sobjectRoutes } from './sobject-routes.ts';

export interface SalesforceLimits {
  /** API requests allowed per (UTC, clock-time) day; past it every call gets 403 REQUEST_LIMIT_EXCEEDED. */
  readonly dailyApiRequests: number;
  /** Records per query page. Default 2000, Salesforce's batch size; lower it to page small data sets. */
  readonly queryBatchSize?: number;
  /** Session timeout in clock time. Default 2 hours; a client must log in again after it. */
  readonly sessionTtlMs?: number;
}

export interface SalesforceRoutesOptions {
  readonly store: CrmStore;
  readonly clock: Clock;
  /** The one API version served under `/services/data/vXX.X`. Default '60.0' (Spring '24). */
  readonly apiVersion?: string;
  readonly credentials: SalesforceCredentials;
  readonly limits: SalesforceLimits;
  /** Share one to read or reset the usage from outside (control API, fault engine). Default: a new one. */
  readonly usage?: SalesforceApiUsage;
  /** Share these to revoke every session from outside. Default: new ones. */
  readonly sessions?: SalesforceSessions;
}

const INVALID_SESSION = new SalesforceApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
const LIMIT_EXCEEDED = new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');

/**
 * The Salesforce flavor of the CRM, to mount at `/`: OAuth 2.0 token endpoint, the REST API under
 * `/services/data/v60.0` (sObjects, describe, SOQL query, limits) with Salesforce's error bodies,
 * bearer sessions and the daily request limit reported in `Sforce-Limit-Info` on every answer.
 */
export function salesforceRoutes(options: SalesforceRoutesOptions): Router {
  const apiVersion = options.apiVersion ?? '60.0';
  const apiBase = `/services/data/v${apiVersion}`;
  const sessions =
    options.sessions ??
    new SalesforceSessions(options.clock, options.limits.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS);
  const usage = options.usage ?? new SalesforceApiUsage(options.limits.dailyApiRequests, options.clock);
  const router = Router();

  router.use('/services/oauth2', oauthRoutes(options.credentials, sessions));
  router.get('/services/data', (_request, response) => {
    response.json([{ label: releaseLabel(apiVersion), url: apiBase, version: apiVersion }]);
  });

  const api = Router();
  api.use((request, response, next) => {
    const token = /^(?:Bearer|OAuth) (.+)$/i.exec(request.get('authorization') ?? '')?.[1];
    const session = token === undefined ? undefined : sessions.find(token);
    if (!session) return sendSalesforceError(response, INVALID_SESSION);
    rememberCaller(request, response, session);
    const allowed = usage.consume();
    response.setHeader('Sforce-Limit-Info', usage.header());
    if (!allowed) return sendSalesforceError(response, LIMIT_EXCEEDED);
    next();
  });
  api.use(express.json({ limit: '10mb' }));
  api.get('/', (_request, response) => {
    response.json({
      sobjects: `${apiBase}/sobjects`,
      query: `${apiBase}/query`,
      queryAll: `${apiBase}/queryAll`,
      limits: `${apiBase}/limits`,
    });
  });
  api.get('/limits', (_request, response) => {
    response.json({
      DailyApiRequests: { Max: usage.limit, Remaining: Math.max(0, usage.limit - usage.used) },
    });
  });
  api.use('/sobjects', sobjectRoutes(options.store, apiBase, apiVersion));
  api.use(
    queryRoutes(options.store, apiBase, options.clock, options.limits.queryBatchSize ?? MAX_QUERY_BATCH),
  );
  api.use(() => {
    throw resourceNotFound();
  });
  api.use(apiErrors);

  router.use(apiBase, api);
  // Other versions, and anything else under /services/data, do not exist in this org.
  router.use('/services/data', (_request, response) => sendSalesforceError(response, resourceNotFound()));
  return router;
}

/** Turns thrown errors into Salesforce error bodies; a bug answers 500 as Salesforce's own do. */
function apiErrors(error: unknown, _request: Request, response: Response, _next: NextFunction): void {
  if (isSalesforceApiError(error)) {
    sendSalesforceError(response, error);
    return;
  }
  // body-parser marks what it refused (bad JSON, too large) with a 4xx status.
  const status = (error as { status?: number }).status;
  if (status !== undefined && status >= 400 && status < 500) {
    sendSalesforceError(
      response,
      new SalesforceApiError(
        status,
        'JSON_PARSER_ERROR',
        `Failed to read the request body: ${(error as Error).message}`,
      ),
    );
    return;
  }
  sendSalesforceError(
    response,
    new SalesforceApiError(
      500,
      'UNKNOWN_EXCEPTION',
      `An unexpected error occurred: ${(error as Error).message ?? error}`,
    ),
  );
}
