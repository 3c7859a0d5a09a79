import express from 'express';
import type { CrmChange } from '../../../contracts/crm/crm-records.ts';
import { listen } from '../../../infra/http-server.ts';
import { CrmStore } from '../crm-store.ts';
import { fixtureCrmBase } from '../fixture-crm-base.ts';
import { SalesforceApiUsage } from './salesforce-api-usage.ts';
import { salesforceRoutes } from './salesforce-routes.ts';
import { SalesforceSessions } from './salesforce-sessions.ts';

export const TEST_ORG_API = '/services/data/v60.0';
export const TEST_ORG_CREDENTIALS = {
  clients: [{ clientId: 'corebridge-app', clientSecret: 's3cret' }],
  users: [{ username: 'integration@bank.example', password: 'passwordTOKEN' }],
} as const;
export const TEST_ORG_PASSWORD_GRANT = {
  grant_type: 'password',
  client_id: 'corebridge-app',
  client_secret: 's3cret',
  username: 'integration@bank.example',
  password: 'passwordTOKEN',
} as const;

export interface TestOrgOptions {
  /** Companies in the fixture CRM. Default 5. */
  readonly companies?: number;
  /** Default 40: small enough to exhaust in a test. */
  readonly dailyApiRequests?: number;
  /** Default 2, so a handful of records already spans pages. */
  readonly queryBatchSize?: number;
}

export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert the JSON bodies field by field.
  readonly body: any;
}

/**
 * The Salesforce flavor over a fixture CRM on a loopback server, with a hand-driven clock, for
 * tests that speak HTTP to it. `sf` sends the last token from `login` unless told otherwise.
 */
export async function startSalesforceTestOrg(options: TestOrgOptions = {}) {
  let now = Date.UTC(2026, 0, 15, 9, 0, 0);
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  const store = new CrmStore(fixtureCrmBase(options.companies ?? 5), clock);
  const changes: CrmChange[] = [];
  store.onChange((change) => void changes.push(change));
  const dailyApiRequests = options.dailyApiRequests ?? 40;
  const usage = new SalesforceApiUsage(dailyApiRequests, clock);
  const sessions = new SalesforceSessions(clock);
  const app = express();
  const limits = { dailyApiRequests, queryBatchSize: options.queryBatchSize ?? 2 };
  app.use(salesforceRoutes({ store, clock, credentials: TEST_ORG_CREDENTIALS, usage, sessions, limits }));
  const http = await listen(app);
  let token = '';

  const answer = async (response: Response): Promise<JsonAnswer> => {
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  };

  return {
    url: http.url,
    store,
    usage,
    sessions,
    clock,
    changes,
    async login(grant: Record<string, string> = TEST_ORG_PASSWORD_GRANT): Promise<JsonAnswer> {
      const response = await fetch(`${http.url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(grant),
      });
      const result = await answer(response);
      if (result.status === 200) token = result.body.access_token;
      return result;
    },
    async sf(path: string, init: RequestInit & { json?: unknown } = {}): Promise<JsonAnswer> {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      const body = json === undefined ? rest.body : JSON.stringify(json);
      return answer(await fetch(http.url + path, { ...rest, headers, body }));
    },
    stop: () => http.close(),
    [Symbol.asyncDispose]: () => http.close(),
  };
}

export type SalesforceTestOrg = Awaited<ReturnType<typeof startSalesforceTestOrg>>;
