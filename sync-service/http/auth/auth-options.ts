/** What a token must grant for each of the sync service's bank-facing APIs. */
export const SYNC_SCOPES = ['cache:read', 'crm:write', 'conflicts:resolve', 'metrics:read'] as const;
export type SyncScope = (typeof SYNC_SCOPES)[number];

/** Where the keys that sign the bank's tokens come from. */
export type AuthKeys =
  /** The identity provider's JWKS endpoint: keys fetched, cached, and re-fetched on an unknown `kid` (rotation). */
  | { readonly jwksUrl: string }
  /** One public key, PEM (SPKI): RSA, EC or Ed25519. */
  | { readonly publicKey: string }
  /** A shared HMAC secret (HS256/384/512): for a single trusted issuer only, as anyone holding it can mint tokens. */
  | { readonly secret: string };

/**
 * OAuth2 bearer JWTs on the read API, bank writes, conflicts and `/metrics`. `/health` (probes)
 * and `/webhooks/crm` (HMAC-signed by the CRM) never ask for a token.
 */
export interface SyncAuthOptions {
  /** The `iss` every token must carry. */
  readonly issuer: string;
  /** An `aud` every token must carry (the sync service's API identifier at the identity provider). */
  readonly audience: string;
  readonly keys: AuthKeys;
  /**
   * Serve `/metrics` without a token. Default false: a token with `metrics:read`. True only where
   * the scraper cannot send a bearer token and the port is reachable from the monitoring network
   * alone; the metrics then tell anyone who reaches them the service's volumes and error rates.
   */
  readonly metricsOpen?: boolean;
}
