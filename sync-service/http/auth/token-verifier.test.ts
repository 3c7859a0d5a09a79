import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiScope } from './api-scope.ts';
import { tokenVerifier } from './token-verifier.ts';

const ISSUER = 'https://idp.test/';
const AUDIENCE = 'corebridge-sync';

describe('tokenVerifier', () => {
  const server = createServer();
  let jwksUrl: string;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server.on('request', (_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('takes keys from a JWKS URL, and scopes from `scope` or `scp`', async () => {
    const verify = tokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: { jwksUrl } });
    const token = await new SignJWT({ scp: ['cache:read', 'crm:write'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience([AUDIENCE, 'other'])
      .setExpirationTime('1m')
      .sign(keys.privateKey);
    expect(await verify(token)).toEqual({ ok: true, scopes: new Set(['cache:read', 'crm:write']) });
  });

  it('with a shared secret accepts HS256 and refuses a token without exp', async () => {
    const secret = 'a shared secret of at least thirty-two bytes';
    const verify = tokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: { secret } });
    const key = new TextEncoder().encode(secret);
    const base = () =>
      new SignJWT({ scope: 'metrics:read' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE);
    expect(await verify(await base().setExpirationTime('1m').sign(key))).toEqual({
      ok: true,
      scopes: new Set(['metrics:read']),
    });
    expect(await verify(await base().sign(key))).toEqual({
      ok: false,
      reason: 'the token\'s "exp" claim is not accepted',
    });
  });

  it('a JWKS endpoint that fails is an error of ours, not a refused token', async () => {
    const broken = createServer((_request, response) => {
      response.statusCode = 500;
      response.end('down');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/jwks`;
      const verify = tokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: { jwksUrl: url } });
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('1m')
        .sign(keys.privateKey);
      await expect(verify(token)).rejects.toThrow(/200 OK/);
    } finally {
      await new Promise((resolve) => broken.close(resolve));
    }
  });

  it('a public key never accepts an HMAC token made with its own bytes (algorithm confusion)', async () => {
    const verify = tokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: { jwksUrl } });
    const token = await new SignJWT({ scope: 'cache:read' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(JSON.stringify(await exportJWK(keys.publicKey))));
    expect((await verify(token)).ok).toBe(false);
  });
});

describe('apiScope', () => {
  it('conflicts apart, writes need crm:write and reads cache:read', () => {
    expect(apiScope('GET', '/conflicts')).toBe('conflicts:resolve');
    expect(apiScope('POST', '/conflicts/7/resolve')).toBe('conflicts:resolve');
    expect(apiScope('PATCH', '/crm/company/1')).toBe('crm:write');
    expect(apiScope('POST', '/clients/x/interactions')).toBe('crm:write');
    expect(apiScope('GET', '/clients/x')).toBe('cache:read');
    expect(apiScope('GET', '/conflictsx')).toBe('cache:read');
  });
});

describe('tokenVerifier keys', () => {
  it('refuses a key it cannot read when made, not on every request', () => {
    expect(() =>
      tokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: { publicKey: 'not a pem' } }),
    ).toThrow(/^Failed to read the public key tokens are checked with: .*PEM \(SPKI\) public key\.$/);
    expect(() =>
      tokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: { jwksUrl: 'idp/jwks' } }),
    ).toThrow(/^Failed to read the JWKS URL/);
  });
});
