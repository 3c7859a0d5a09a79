import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../cli/local-stack.ts';
import { createLogger } from '../infra/logger.ts';

/** The stack `corebridge up` and `npm run load` start: auth on with its own dev key, the webhook secret it is given. */
describe('local stack: dev key and webhook secret', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({
      databaseUrl: inject('postgresUrl'),
      databaseName: `local_auth_${randomUUID().replaceAll('-', '').slice(0, 10)}`,
      seed: 3,
      dataset: { organisations: 2, accountsPerOrganisation: 1 },
      log: createLogger('test', 'silent'),
      webhookSecrets: ['chosen-secret', 'previous-secret'],
    });
  }, 60_000);
  afterAll(() => stack?.stop());

  it('asks for a token, and the printed dev token has every scope', async () => {
    const client = [...stack.sim.abs.store.organisations.keys()][0];
    const url = `${stack.sync.url}/api/v1/clients/${client}`;
    expect((await fetch(url)).status).toBe(401);
    const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    expect((await fetch(url, bearer(stack.devToken))).status).toBe(200);
    expect((await fetch(`${stack.sync.url}/api/v1/conflicts`, bearer(stack.devToken))).status).toBe(200);
    expect((await fetch(`${stack.sync.url}/metrics`, bearer(stack.devToken))).status).toBe(200);
    const readOnly = await stack.devAuth.mint(['cache:read']);
    expect((await fetch(`${stack.sync.url}/api/v1/conflicts`, bearer(readOnly))).status).toBe(403);
  });

  it('signs the CRM webhooks with the first of WEBHOOK_SECRETS and accepts each of them', async () => {
    expect(stack.webhookSecret).toBe('chosen-secret');
    const send = (secret: string) => {
      const body = '{}';
      const t = Math.floor(Date.now() / 1000);
      const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
      return fetch(`${stack.sync.url}/webhooks/crm`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-corebridge-signature': `t=${t},v1=${v1}`,
          'idempotency-key': randomUUID(),
        },
        body,
      });
    };
    const answerOf = async (r: Response) => [
      r.status,
      ((await r.json()) as { error: { code: string } }).error.code,
    ];
    // Past the signature, '{}' is no CRM change: 422, so the signature was accepted.
    expect(await answerOf(await send('previous-secret'))).toEqual([422, 'INVALID_WEBHOOK']);
    expect(await answerOf(await send('another'))).toEqual([401, 'SIGNATURE_MISMATCH']);
  });
});
