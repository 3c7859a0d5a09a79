import { describe, expect, it } from 'vitest';
import { authFromEnv, syncAuthOf } from './auth-config.ts';

const BASE = { AUTH_ISSUER: 'https://idp/', AUTH_AUDIENCE: 'sync' };

describe('syncAuthOf', () => {
  it('is off only when --no-auth says so', () => {
    expect(syncAuthOf(authFromEnv({}), { auth: false })).toBeUndefined();
    expect(() => syncAuthOf(authFromEnv({}), { auth: true })).toThrow(
      /AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL or AUTH_PUBLIC_KEY or AUTH_SHARED_SECRET are not set\..*--no-auth/,
    );
    expect(() => syncAuthOf(authFromEnv({ ...BASE }), { auth: true })).toThrow(
      /AUTH_JWKS_URL or AUTH_PUBLIC_KEY or AUTH_SHARED_SECRET is not set/,
    );
  });

  it('takes one key source, a PEM with \\n escapes unfolded, and --open-metrics', () => {
    const env = { ...BASE, AUTH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nAAA\\n-----END PUBLIC KEY-----' };
    expect(syncAuthOf(authFromEnv(env), { auth: true, openMetrics: true })).toEqual({
      issuer: 'https://idp/',
      audience: 'sync',
      keys: { publicKey: '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----' },
      metricsOpen: true,
    });
    expect(
      syncAuthOf(authFromEnv({ ...BASE, AUTH_JWKS_URL: 'https://idp/jwks' }), { auth: true })?.keys,
    ).toEqual({
      jwksUrl: 'https://idp/jwks',
    });
    expect(() =>
      syncAuthOf(authFromEnv({ ...BASE, AUTH_JWKS_URL: 'https://idp/jwks', AUTH_SHARED_SECRET: 's' }), {
        auth: true,
      }),
    ).toThrow(/more than one of AUTH_JWKS_URL, AUTH_PUBLIC_KEY, AUTH_SHARED_SECRET/);
  });
});
