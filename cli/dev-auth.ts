import { type CryptoKey, exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { SYNC_SCOPES, type SyncAuthOptions } from '../sync-service/http/auth/auth-options.ts';

export const DEV_ISSUER = 'corebridge-dev';
export const DEV_AUDIENCE = 'corebridge-sync';

/** A key pair made for one local stack: the sync service checks tokens with it as with the bank's IdP. */
export interface DevAuth {
  readonly auth: SyncAuthOptions;
  /** A token with these scopes (default all), valid for `ttl` (jose's form: `12h`, `30m`). */
  mint(scopes?: readonly string[], ttl?: string): Promise<string>;
  /** The private key, for `corebridge token` in another shell (see dev-auth-file.ts). */
  privateJwk(): Promise<JWK>;
}

const minter =
  (privateKey: CryptoKey) =>
  (scopes: readonly string[] = SYNC_SCOPES, ttl = '12h') =>
    new SignJWT({ scope: scopes.join(' ') })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject('corebridge-dev-user')
      .setIssuedAt()
      .setExpirationTime(ttl)
      .sign(privateKey);

/**
 * The local stack's stand-in identity provider: a fresh ES256 key pair per start, so a dev token
 * is worth nothing once the stack stops and no key is ever committed or reused.
 */
export async function createDevAuth(): Promise<DevAuth> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    auth: { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, keys: { publicKey: await exportSPKI(publicKey) } },
    mint: minter(privateKey),
    privateJwk: () => exportJWK(privateKey),
  };
}

/** Mints with a running stack's saved private key. */
export async function devMinter(jwk: JWK) {
  return minter((await importJWK(jwk, 'ES256')) as CryptoKey);
}
