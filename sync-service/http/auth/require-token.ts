import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../../../infra/http/api-error.ts';
import { SYNC_ERRORS } from '../sync-errors.ts';
import type { SyncScope } from './auth-options.ts';
import type { TokenCheck, TokenVerifier } from './token-verifier.ts';

const REALM = 'corebridge-sync';

/** A header value in quotes (RFC 7235 quoted-string): reasons are ours, but a quote would break it. */
const quoted = (text: string) => `"${text.replaceAll(/["\\]/g, '')}"`;

/**
 * Express middleware: the request's `Authorization: Bearer <JWT>` must verify and grant the scope
 * `scopeOf` names for it. A missing or bad token is a 401 `UNAUTHENTICATED`, a good one without the
 * scope a 403 `INSUFFICIENT_SCOPE`, each with the RFC 6750 `WWW-Authenticate` challenge, answered by
 * the error middleware in the API's shape.
 */
export function requireToken(verify: TokenVerifier, scopeOf: (request: Request) => SyncScope) {
  return async (request: Request, response: Response, next: NextFunction) => {
    const scope = scopeOf(request);
    const [kind, token, ...rest] = (request.headers.authorization ?? '').split(' ');
    if (kind?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
      // No credentials: RFC 6750 §3.1 sends no error code, only what would be accepted.
      response.setHeader('WWW-Authenticate', `Bearer realm=${quoted(REALM)}, scope=${quoted(scope)}`);
      return next(
        new ApiError(
          SYNC_ERRORS.UNAUTHENTICATED,
          `Failed to authenticate the request: no bearer token. Send Authorization: Bearer <JWT> with the scope ${scope} from the bank's identity provider.`,
        ),
      );
    }
    let check: TokenCheck;
    try {
      check = await verify(token);
    } catch (error) {
      return next(error); // the identity provider unreachable: a 500, logged, not the client's fault
    }
    if (!check.ok) {
      response.setHeader(
        'WWW-Authenticate',
        `Bearer realm=${quoted(REALM)}, error="invalid_token", error_description=${quoted(check.reason)}`,
      );
      return next(
        new ApiError(
          SYNC_ERRORS.UNAUTHENTICATED,
          `Failed to authenticate the request: ${check.reason}. Get a new token from the bank's identity provider.`,
        ),
      );
    }
    if (!check.scopes.has(scope)) {
      response.setHeader(
        'WWW-Authenticate',
        `Bearer realm=${quoted(REALM)}, error="insufficient_scope", scope=${quoted(scope)}`,
      );
      return next(
        new ApiError(
          SYNC_ERRORS.INSUFFICIENT_SCOPE,
          `Failed to authorise the request: the token does not grant ${scope}. Ask for a token with the scope ${scope}.`,
        ),
      );
    }
    next();
  };
}
