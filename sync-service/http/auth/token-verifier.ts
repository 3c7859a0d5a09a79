import { createPublicKey } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  type KeyObject,
} from 'jose';
import type { AuthKeys, SyncAuthOptions } from './auth-options.ts';

/** A token checked: the scopes it grants, or why it was refused (sent in `WWW-Authenticate`, so no secrets in it). */
export type TokenCheck =
  | { readonly ok: true; readonly scopes: ReadonlySet<string> }
  | { readonly ok: false; readonly reason: string };

export type TokenVerifier = (token: string) => Promise<TokenCheck>;

const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
// Asymmetric keys only: naming them keeps a token signed with HS256 over the public key's bytes
// (the classic algorithm confusion) from ever being tried.
const PUBLIC_KEY_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

function keyOf(keys: AuthKeys): { key: KeyObject | Uint8Array | JWTVerifyGetKey; algorithms: string[] } {
  if ('secret' in keys) return { key: new TextEncoder().encode(keys.secret), algorithms: HMAC_ALGORITHMS };
  // Read at start-up, so a mistyped key fails the start rather than every request.
  try {
    if ('jwksUrl' in keys)
      return { key: createRemoteJWKSet(new URL(keys.jwksUrl)), algorithms: PUBLIC_KEY_ALGORITHMS };
    return { key: createPublicKey(keys.publicKey), algorithms: PUBLIC_KEY_ALGORITHMS };
  } catch (error) {
    const what = 'jwksUrl' in keys ? 'the JWKS URL' : 'the public key';
    throw new Error(
      `Failed to read ${what} tokens are checked with: ${(error as Error).message}. Pass an http(s) URL of the identity provider's JWKS, or a PEM (SPKI) public key.`,
    );
  }
}

/** Scopes as OAuth2 sends them (`scope`, space-separated), or as an array (`scp`, Okta and Entra ID). */
function scopesOf(payload: JWTPayload): Set<string> {
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  const scp = Array.isArray(payload.scp) ? payload.scp.filter((s): s is string => typeof s === 'string') : [];
  return new Set([...scope, ...scp].filter(Boolean));
}

/** Why a token was refused; an identity provider that cannot be reached is our failure, not the token's. */
function reasonOf(error: unknown): string {
  // jose throws its bare base class (and these two) for a JWKS endpoint that times out, answers
  // non-200 or sends no key set: the IdP's trouble, not the token's, so not a 401.
  const base = error instanceof errors.JOSEError && error.constructor === errors.JOSEError;
  if (base || error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) throw error;
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches the token';
  if (error instanceof errors.JOSEError) return 'the token is malformed or uses an algorithm not accepted';
  throw error;
}

/**
 * Checks a bearer token's signature, issuer, audience and expiry (required: a token without `exp`
 * would be good forever) against the wall clock — tokens are issued on the identity provider's
 * time, not a scenario's compressed one — with 30 s of leeway for clock skew.
 */
export function tokenVerifier(options: SyncAuthOptions): TokenVerifier {
  const { key, algorithms } = keyOf(options.keys);
  return async (token) => {
    try {
      const verify = {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        requiredClaims: ['exp'],
        clockTolerance: 30,
      };
      const { payload } =
        typeof key === 'function' ? await jwtVerify(token, key, verify) : await jwtVerify(token, key, verify);
      return { ok: true, scopes: scopesOf(payload) };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  };
}
