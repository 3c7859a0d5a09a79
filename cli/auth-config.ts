import type { SyncAuthOptions } from '../sync-service/http/auth/auth-options.ts';

/** The sync service's token settings as the environment gives them (AUTH_*), not yet checked. */
export interface AuthConfig {
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly jwksUrl: string | undefined;
  /** PEM; `\n` escapes are accepted, as a one-line env file or a container's env cannot hold newlines. */
  readonly publicKey: string | undefined;
  readonly sharedSecret: string | undefined;
}

export function authFromEnv(env: NodeJS.ProcessEnv): AuthConfig {
  return Object.freeze({
    issuer: env.AUTH_ISSUER || undefined,
    audience: env.AUTH_AUDIENCE || undefined,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    publicKey: env.AUTH_PUBLIC_KEY?.replaceAll('\\n', '\n') || undefined,
    sharedSecret: env.AUTH_SHARED_SECRET || undefined,
  });
}

const HOW =
  'Set AUTH_ISSUER, AUTH_AUDIENCE and one of AUTH_JWKS_URL, AUTH_PUBLIC_KEY (PEM) or AUTH_SHARED_SECRET, or pass --no-auth to serve the bank-facing APIs to anyone who reaches the port';

/**
 * The token check `corebridge sync` runs with: on unless `--no-auth` says otherwise, so a service
 * deployed with its settings forgotten refuses to start instead of serving the cache to anyone.
 */
export function syncAuthOf(
  config: AuthConfig,
  options: { readonly auth: boolean; readonly openMetrics?: boolean },
): SyncAuthOptions | undefined {
  if (!options.auth) return undefined;
  const { issuer, audience, jwksUrl, publicKey, sharedSecret } = config;
  const missing = [!issuer && 'AUTH_ISSUER', !audience && 'AUTH_AUDIENCE'].filter(Boolean);
  const sources = [jwksUrl, publicKey, sharedSecret].filter(Boolean).length;
  if (sources === 0) missing.push('AUTH_JWKS_URL or AUTH_PUBLIC_KEY or AUTH_SHARED_SECRET');
  if (missing.length > 0)
    throw new Error(
      `Failed to start the sync service: authentication is on and ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set. ${HOW}.`,
    );
  if (sources > 1)
    throw new Error(
      'Failed to start the sync service: more than one of AUTH_JWKS_URL, AUTH_PUBLIC_KEY, AUTH_SHARED_SECRET is set. Set the one your identity provider signs with.',
    );
  const keys = jwksUrl ? { jwksUrl } : publicKey ? { publicKey } : { secret: sharedSecret as string };
  return {
    issuer: issuer as string,
    audience: audience as string,
    keys,
    metricsOpen: options.openMetrics ?? false,
  };
}
