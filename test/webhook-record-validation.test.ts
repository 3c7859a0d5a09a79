import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../contracts/webhooks/webhook-signature.ts';
import { listen, type RunningServer } from '../infra/http-server.ts';
import { createLogger } from '../infra/logger.ts';
import { createPool } from '../sync-service/db/create-pool.ts';
import { newClientWebhook } from './fixtures/new-client-webhook.ts';
import { standaloneSyncApp } from './standalone-sync-app.ts';

const SECRET = 'whsec_record_validation';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The fixture's new-client webhook with its record changed by `edit`. */
function webhookWith(edit: (record: Record<string, unknown>) => void): string {
  const body = JSON.parse(newClientWebhook('910001')) as { record: Record<string, unknown> };
  edit(body.record);
  return JSON.stringify(body);
}

/**
 * A CRM webhook's record is checked against the contract before anything is written: INN, KPP and
 * OGRN with their check digits, no field the contract does not define. The database behind the app
 * is unreachable, so a body that passed the checks is answered 503 `INBOX_UNAVAILABLE`: a 422 here
 * proves it was refused before the inbox was asked.
 */
describe('webhook records against the CRM contract', () => {
  let http: RunningServer;
  let pool: ReturnType<typeof createPool>;

  beforeAll(async () => {
    const log = createLogger('test', 'silent');
    pool = createPool({
      databaseUrl: `postgres://corebridge@127.0.0.1:${await closedPort()}/corebridge`,
      log,
    });
    const app = standaloneSyncApp({ pool, log, webhookSecrets: [SECRET] });
    http = await listen(app);
  });
  afterAll(async () => {
    await http.close();
    await pool.end();
  });

  const post = async (body: string, key: string) => {
    const response = await fetch(`${http.url}/webhooks/crm`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': key,
        'x-corebridge-signature': signatureHeader(SECRET, body, Math.floor(Date.now() / 1000)),
      },
      body,
    });
    return {
      status: response.status,
      body: (await response.json()) as { error: { code: string; message: string } },
    };
  };

  it('refuses an INN that is not one, naming record.inn', async () => {
    const answer = await post(
      webhookWith((record) => {
        record.inn = 'abc';
      }),
      'bad-inn',
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('INVALID_WEBHOOK');
    expect(answer.body.error.message).toMatch(/record\.inn: not an INN/);
  });

  it('refuses an INN, KPP and OGRN whose control digits fail, each by its path', async () => {
    const answer = await post(
      webhookWith((record) => {
        record.inn = '7707083894';
        record.kpp = '77360100';
        record.ogrn = '1027700132194';
      }),
      'bad-digits',
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toMatch(/record\.inn: .*record\.kpp: .*record\.ogrn: /);
  });

  it('refuses a field the contract does not define, naming it', async () => {
    const answer = await post(
      webhookWith((record) => {
        record.isAdmin = true;
      }),
      'unknown-field',
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('INVALID_WEBHOOK');
    expect(answer.body.error.message).toMatch(/record\.isAdmin: not a field of the contract/);
  });

  it('passes a valid record on to the inbox', async () => {
    const answer = await post(newClientWebhook('910002'), 'valid');
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('INBOX_UNAVAILABLE');
  });
});
