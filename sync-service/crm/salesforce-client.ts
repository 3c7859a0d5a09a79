import { z } from 'zod';
import { getJson, SourceUnavailableError } from '../http/get-json.ts';

const tokenSchema = z.object({
  access_token: z.string(),
  instance_url: z.url(),
  token_type: z.literal('Bearer'),
});

/** The fields of a Salesforce Account the sync service reads. */
export const salesforceAccountSchema = z.object({
  attributes: z.object({ type: z.literal('Account'), url: z.string() }),
  Id: z.string().regex(/^[a-zA-Z0-9]{18}$/),
  Name: z.string(),
  Phone: z.string().nullable(),
});
export type SalesforceAccount = z.infer<typeof salesforceAccountSchema>;

export interface SalesforceCredentials {
  readonly loginUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly password: string;
}

export interface SalesforceClient {
  /** OAuth2 password flow; the token is kept until the API answers 401. */
  login(): Promise<{ accessToken: string; instanceUrl: string }>;
  /** A point fetch of one Account, e.g. after a GAP_UPDATE change event. */
  account(id: string): Promise<SalesforceAccount>;
}

export interface SalesforceClientOptions {
  /** Default 5 s. */
  readonly timeoutMs?: number;
  /** A session obtained earlier (another instance, a cache); logged in on first use when absent. */
  readonly session?: { readonly accessToken: string; readonly instanceUrl: string };
}

export function createSalesforceClient(
  credentials: SalesforceCredentials,
  options: SalesforceClientOptions = {},
): SalesforceClient {
  const timeoutMs = options.timeoutMs ?? 5_000;
  let session = options.session;
  const login = async () => {
    const response = await fetch(`${credentials.loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        username: credentials.username,
        password: credentials.password,
      }),
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: Error) => {
      throw new SourceUnavailableError(`Failed to log in to Salesforce: ${error.message}.`);
    });
    if (!response.ok)
      throw new SourceUnavailableError(`Failed to log in to Salesforce: HTTP ${response.status}.`);
    const token = tokenSchema.parse(await response.json());
    session = { accessToken: token.access_token, instanceUrl: token.instance_url };
    return session;
  };
  return {
    login,
    async account(id) {
      const { accessToken, instanceUrl } = session ?? (await login());
      return getJson(
        `${instanceUrl}/services/data/v60.0/sobjects/Account/${encodeURIComponent(id)}`,
        salesforceAccountSchema,
        {
          system: 'Salesforce',
          timeoutMs,
          headers: { authorization: `Bearer ${accessToken}` },
        },
      );
    },
  };
}
