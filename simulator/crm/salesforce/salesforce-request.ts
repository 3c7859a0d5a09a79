import type { Request, Response } from 'express';
import type { CrmChangeOrigin } from '../../../contracts/crm/crm-records.ts';
import type { SalesforceSession } from './salesforce-sessions.ts';

/** What the authentication step leaves for the handlers of one API request. */
interface ApiLocals {
  session?: SalesforceSession;
  callOptionsClient?: string;
}

export function rememberCaller(request: Request, response: Response, session: SalesforceSession): void {
  const locals = response.locals as ApiLocals;
  locals.session = session;
  // `Sforce-Call-Options: client=<id>` is how Salesforce clients name themselves in changeOrigin.
  const client = /(?:^|,)\s*client=([^,]+)/.exec(request.get('sforce-call-options') ?? '')?.[1]?.trim();
  if (client) locals.callOptionsClient = client;
}

/**
 * The origin of a write made through this request: the client named in `Sforce-Call-Options`
 * when the caller set one, else the OAuth username (or client id) it logged in as.
 */
export function originOf(response: Response): CrmChangeOrigin {
  const locals = response.locals as ApiLocals;
  return { channel: 'api', client: locals.callOptionsClient ?? locals.session?.identity ?? null };
}
