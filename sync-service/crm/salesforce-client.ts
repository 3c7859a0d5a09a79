import { z } from 'zod';
import { syncDefaults } from '../defaults.ts';
import { type CrmAnswer, callCrm, crmFailure } from './crm-http.ts';

const SYSTEM = 'Salesforce';
/** The error codes of a 404 that mean the record is gone; a 404 without one (a proxy, a wrong path) says nothing of it. */
const GONE = new Set(['NOT_FOUND', 'ENTITY_IS_DELETED']);

/** The code of a Salesforce error answer: `[{ errorCode, message }]`. */
const errorCodeOf = (body: unknown): string => (Array.isArray(body) ? String(body[0]?.errorCode) : '');

const tokenSchema = z.object({
  access_token: z.string(),
  instance_url: z.url(),
  token_type: z.literal('Bearer'),
});

const queryPageSchema = z.object({
  totalSize: z.number().int().nonnegative(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
export type SalesforceQueryPage = z.infer<typeof queryPageSchema>;

/** An sObject row as the REST API answers it: `attributes` and the fields by their API names. */
export type SalesforceRow = Record<string, unknown>;

export interface SalesforceCredentials {
  readonly loginUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly password: string;
}

export interface SalesforceSession {
  readonly accessToken: string;
  readonly instanceUrl: string;
}

export interface SalesforceClient {
  /** OAuth2 password flow. Other calls log in on first use and again when a session expires (401). */
  login(): Promise<SalesforceSession>;
  /**
   * One sObject row by id, every field; null only when Salesforce says the record is not there (404
   * NOT_FOUND, or ENTITY_IS_DELETED once it is in the recycle bin). Any other answer throws.
   */
  sobject(object: string, id: string): Promise<SalesforceRow | null>;
  /** The first page of a SOQL query; `nextRecordsUrl` names the next one while `done` is false. */
  query(soql: string): Promise<SalesforceQueryPage>;
  /** The page a previous page's `nextRecordsUrl` names. */
  queryMore(nextRecordsUrl: string): Promise<SalesforceQueryPage>;
}

export interface SalesforceClientOptions {
  /** Per request, ms. Default `syncDefaults.sourceTimeoutMs`. */
  readonly timeoutMs?: number;
  /** A session obtained earlier (another instance, a cache); logged in on first use when absent. */
  readonly session?: SalesforceSession;
  /** The REST API version. Default '60.0' (Spring '24), the one the bank's org is pinned to. */
  readonly apiVersion?: string;
  /**
   * Records per query page (`Sforce-Query-Options: batchSize`, 200..2000). Default: Salesforce's own
   * 2000. Smaller pages mean more calls against the daily API limit but less memory per page.
   */
  readonly queryBatchSize?: number;
}

export function createSalesforceClient(
  credentials: SalesforceCredentials,
  options: SalesforceClientOptions = {},
): SalesforceClient {
  const timeoutMs = options.timeoutMs ?? syncDefaults.sourceTimeoutMs;
  const apiBase = `/services/data/v${options.apiVersion ?? '60.0'}`;
  let session = options.session;

  const login = async (): Promise<SalesforceSession> => {
    const answer = await callCrm(`${credentials.loginUrl}/services/oauth2/token`, {
      system: SYSTEM,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        username: credentials.username,
        password: credentials.password,
      }).toString(),
      timeoutMs,
    });
    const token = tokenSchema.safeParse(answer.body);
    if (answer.status !== 200 || !token.success) throw crmFailure(SYSTEM, 'log in', answer);
    session = { accessToken: token.data.access_token, instanceUrl: token.data.instance_url };
    return session;
  };

  /** GETs a path of the instance; a 401 (session expired or revoked) logs in once more and retries. */
  const get = async (path: string, headers: Record<string, string> = {}): Promise<CrmAnswer> => {
    const once = async (current: SalesforceSession) =>
      callCrm(`${current.instanceUrl}${path}`, {
        system: SYSTEM,
        headers: { authorization: `Bearer ${current.accessToken}`, ...headers },
        timeoutMs,
      });
    const answer = await once(session ?? (await login()));
    return answer.status === 401 ? once(await login()) : answer;
  };

  const batchSize: Record<string, string> = options.queryBatchSize
    ? { 'sforce-query-options': `batchSize=${options.queryBatchSize}` }
    : {};
  const page = async (path: string, action: string): Promise<SalesforceQueryPage> => {
    const answer = await get(path, batchSize);
    const parsed = queryPageSchema.safeParse(answer.body);
    if (answer.status !== 200 || !parsed.success) throw crmFailure(SYSTEM, action, answer);
    return parsed.data;
  };

  return {
    login,
    async sobject(object, id) {
      const answer = await get(`${apiBase}/sobjects/${encodeURIComponent(object)}/${encodeURIComponent(id)}`);
      if (answer.status === 404 && GONE.has(errorCodeOf(answer.body))) return null;
      if (answer.status !== 200 || typeof answer.body !== 'object' || answer.body === null)
        throw crmFailure(SYSTEM, `read ${object} ${id}`, answer);
      return answer.body as SalesforceRow;
    },
    query: (soql) => page(`${apiBase}/query?q=${encodeURIComponent(soql)}`, 'run a SOQL query'),
    queryMore: (nextRecordsUrl) => page(nextRecordsUrl, 'read the next query page'),
  };
}
