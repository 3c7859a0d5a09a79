import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { ORG_ID, userIdOf } from './salesforce-org.ts';
import type { SalesforceSessions } from './salesforce-sessions.ts';

/** Connected apps and users the simulated org knows. */
export interface SalesforceCredentials {
  readonly clients: readonly { readonly clientId: string; readonly clientSecret: string }[];
  /** `password` is what the OAuth request carries: the password with the security token appended. */
  readonly users: readonly { readonly username: string; readonly password: string }[];
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function oauthError(response: Response, status: number, error: string, description: string): void {
  response.status(status).json({ error, error_description: description });
}

/** Client id and secret from the form, or from HTTP Basic auth as the client-credentials flow allows. */
function clientOf(request: Request): { id: string; secret: string } {
  const form = (request.body ?? {}) as Record<string, string | undefined>;
  const basic = /^Basic (.+)$/i.exec(request.get('authorization') ?? '')?.[1];
  if (basic) {
    const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString().split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  return { id: form.client_id ?? '', secret: form.client_secret ?? '' };
}

/**
 * `POST /services/oauth2/token` (username-password and client-credentials flows, form-encoded),
 * `GET /services/oauth2/userinfo` and `POST /services/oauth2/revoke`. The token answer names this
 * server as `instance_url`, so a client sends its API calls back here.
 */
export function oauthRoutes(credentials: SalesforceCredentials, sessions: SalesforceSessions): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false }));

  router.post('/token', (request, response) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const grant = form.grant_type;
    if (grant !== 'password' && grant !== 'client_credentials') {
      return oauthError(response, 400, 'unsupported_grant_type', 'grant type not supported');
    }
    const client = clientOf(request);
    const app = credentials.clients.find((candidate) => candidate.clientId === client.id);
    if (!app) return oauthError(response, 400, 'invalid_client_id', 'client identifier invalid');
    if (!same(app.clientSecret, client.secret)) {
      return oauthError(response, 400, 'invalid_client', 'invalid client credentials');
    }
    let identity = app.clientId;
    if (grant === 'password') {
      const user = credentials.users.find((candidate) => candidate.username === form.username);
      if (!user || !same(user.password, form.password ?? '')) {
        return oauthError(response, 400, 'invalid_grant', 'authentication failure');
      }
      identity = user.username;
    }
    const session = sessions.issue(identity, userIdOf(identity));
    const instanceUrl = `${request.protocol}://${request.get('host')}`;
    const id = `${instanceUrl}/id/${ORG_ID}/${session.userId}`;
    const issuedAt = String(session.issuedAt);
    response.set('Cache-Control', 'no-cache, no-store').json({
      access_token: session.accessToken,
      instance_url: instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      // As Salesforce signs it: HMAC-SHA256 of the identity URL and issue time, keyed by the client secret.
      signature: createHmac('sha256', app.clientSecret)
        .update(id + issuedAt)
        .digest('base64'),
    });
  });

  // OpenID Connect user info: how a client that logged in by OAuth learns its org id, which the
  // Pub/Sub API wants as `tenantid` (the published Pub/Sub client asks here after every login).
  router.get('/userinfo', (request, response) => {
    const token = /^Bearer (.+)$/i.exec(request.get('authorization') ?? '')?.[1];
    const session = token === undefined ? undefined : sessions.find(token);
    if (!session) return void response.status(403).type('text/plain').send('Bad_OAuth_Token');
    const instanceUrl = `${request.protocol}://${request.get('host')}`;
    response.json({
      sub: `${instanceUrl}/id/${ORG_ID}/${session.userId}`,
      user_id: session.userId,
      organization_id: ORG_ID,
      preferred_username: session.identity,
      nickname: session.identity.split('@')[0],
      name: session.identity,
      active: true,
      user_type: 'STANDARD',
    });
  });

  router.post('/revoke', (request, response) => {
    const token =
      ((request.body ?? {}) as Record<string, string | undefined>).token ?? String(request.query.token ?? '');
    if (!sessions.revoke(token))
      return oauthError(response, 400, 'unsupported_token_type', 'this token type is not supported');
    response.status(200).end();
  });

  return router;
}
