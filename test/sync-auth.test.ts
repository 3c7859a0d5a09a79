import { type CryptoKey, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

const ISSUER = 'https://idp.bank.test/';
const AUDIENCE = 'corebridge-sync';
const ALL = 'cache:read crm:write conflicts:resolve metrics:read';
const UI = { channel: 'ui', client: null } as const;
const WAIT = { timeout: 20_000, interval: 100 };
type Body = { error?: { code: string; message: string } };

/** OAuth2 bearer JWTs on the sync service's bank-facing APIs, over a real PostgreSQL. */
describe('sync service authentication', () => {
  let system: TestSystem;
  let sign: (claims: { scope?: string; iss?: string; aud?: string; exp?: number }) => Promise<string>;
  let otherKey: CryptoKey;
  let client: string;

  const call = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${system.sync.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });

  beforeAll(async () => {
    const keys = await generateKeyPair('ES256');
    otherKey = (await generateKeyPair('ES256')).privateKey;
    sign = (claims) =>
      new SignJWT({ scope: claims.scope ?? ALL })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(claims.iss ?? ISSUER)
        .setAudience(claims.aud ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(claims.exp ?? '5m')
        .sign(keys.privateKey);
    const publicKey = await exportSPKI(keys.publicKey);
    system = await startTestSystem({
      name: 'sync_auth',
      seed: 17,
      organisations: 3,
      sync: () => ({
        webhookSecrets: ['s3cret'],
        auth: { issuer: ISSUER, audience: AUDIENCE, keys: { publicKey } },
      }),
    });
    client = [...system.sim.abs.store.organisations.keys()][0] as string;
    system.sim.crm.store.update('company', '1', { email: 'card1@example.ru' }, UI);
    const db = new pg.Pool({ connectionString: system.databaseUrl });
    await vi.waitFor(async () => {
      const { rows } = await db.query("SELECT 1 FROM crm_records WHERE entity = 'company' AND id = '1'");
      expect(rows).toHaveLength(1);
    }, WAIT);
    await db.end();
  });
  afterAll(() => system?.stop());

  it('no token: 401 UNAUTHENTICATED in the API shape with a Bearer challenge', async () => {
    for (const path of [`/api/v1/clients/${client}`, '/api/v1/conflicts', '/metrics']) {
      const response = await call(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="corebridge-sync", scope="/);
      const body = (await response.json()) as Body;
      expect(body.error?.code).toBe('UNAUTHENTICATED');
      expect(body.error?.message).toMatch(/^Failed to authenticate the request: no bearer token/);
    }
  });

  it('a token of another issuer, audience, expired or signed by another key: 401 invalid_token', async () => {
    const expired = await sign({ exp: Math.floor(Date.now() / 1000) - 120 });
    const forged = await new SignJWT({ scope: ALL })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(otherKey);
    const cases: [string, string, RegExp][] = [
      ['issuer', await sign({ iss: 'https://evil.test/' }), /"iss" claim/],
      ['audience', await sign({ aud: 'someone-else' }), /"aud" claim/],
      ['expired', expired, /expired/],
      ['signature', forged, /signature does not verify/],
      ['garbage', 'not.a.jwt', /malformed/],
    ];
    for (const [name, token, reason] of cases) {
      const response = await call(`/api/v1/clients/${client}`, token);
      expect(response.status, name).toBe(401);
      expect(response.headers.get('www-authenticate'), name).toMatch(/error="invalid_token"/);
      const body = (await response.json()) as Body;
      expect(body.error?.code, name).toBe('UNAUTHENTICATED');
      expect(body.error?.message, name).toMatch(reason);
    }
  });

  it('a good token without the scope: 403 INSUFFICIENT_SCOPE naming it', async () => {
    const readOnly = await sign({ scope: 'cache:read' });
    const cases: [string, RequestInit, string][] = [
      ['/api/v1/crm/company/1', { method: 'PATCH', body: '{"fields":{"phone":"1"}}' }, 'crm:write'],
      [`/api/v1/clients/${client}/interactions`, { method: 'POST', body: '{}' }, 'crm:write'],
      ['/api/v1/conflicts', {}, 'conflicts:resolve'],
      ['/metrics', {}, 'metrics:read'],
    ];
    for (const [path, init, scope] of cases) {
      const response = await call(path, readOnly, init);
      expect(response.status, path).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe(
        `Bearer realm="corebridge-sync", error="insufficient_scope", scope="${scope}"`,
      );
      expect(((await response.json()) as Body).error?.code).toBe('INSUFFICIENT_SCOPE');
    }
    const writer = await sign({ scope: 'crm:write' });
    expect((await call(`/api/v1/clients/${client}`, writer)).status).toBe(403);
  });

  it('the right scope: a read, a bank write, the conflicts and the metrics are served', async () => {
    const read = await call(`/api/v1/clients/${client}`, await sign({ scope: 'cache:read' }));
    expect(read.status).toBe(200);
    const write = await call('/api/v1/crm/company/1', await sign({ scope: 'crm:write' }), {
      method: 'PATCH',
      body: JSON.stringify({ fields: { phone: '+7 495 000-11-22' } }),
    });
    expect(write.status).toBe(202);
    const conflicts = await call('/api/v1/conflicts', await sign({ scope: 'conflicts:resolve' }));
    expect(conflicts.status).toBe(200);
    const metrics = await call('/metrics', await sign({ scope: 'metrics:read' }));
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('corebridge_');
  });

  it('health and the HMAC-signed webhooks ask for no token', async () => {
    expect((await call('/health/live')).status).toBe(200);
    expect((await call('/health/ready')).status).toBe(200);
    const webhook = await call('/webhooks/crm', undefined, { method: 'POST', body: '{}' });
    expect(webhook.status).toBe(401);
    expect(((await webhook.json()) as Body).error?.code).toBe('SIGNATURE_MISSING');
  });
});
