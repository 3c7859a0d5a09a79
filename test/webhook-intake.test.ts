import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signatureHeader } from '../contracts/webhooks/webhook-signature.ts';
import { systemClock } from '../infra/clock.ts';
import { freePort } from '../infra/free-port.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { type SyncService, startSyncService } from '../sync-service/start-sync-service.ts';
import { newClientWebhook } from './fixtures/new-client-webhook.ts';
import { testDatabase } from './test-database.ts';

const SECRET = 'whsec_test_intake';
const WAIT = { timeout: 20_000, interval: 100 };
const API = { channel: 'api', client: 'crm-user' } as const;

describe('webhook intake with a transactional inbox, on real PostgreSQL', () => {
  let db: pg.Client;
  let sim: Simulator;
  let sync: SyncService;
  const bus = createMemoryBus();

  beforeAll(async () => {
    const databaseUrl = await testDatabase('intake');
    const port = await freePort();
    sim = await startSimulator({
      seed: 21,
      dataset: { organisations: 5, accountsPerOrganisation: 1 },
      bus,
      clock: systemClock,
      crmWebhook: { url: `http://127.0.0.1:${port}/webhooks/crm`, secret: SECRET },
    });
    sync = await startSyncService({
      databaseUrl,
      bus,
      absUrl: sim.url,
      webhookSecrets: ['whsec_new_one', SECRET],
      clock: systemClock,
      log: createLogger('test', 'silent'),
      port,
    });
    await sync.ready;
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await sim.stop();
    await sync.stop();
    await bus.stop();
  });

  const post = (body: string, headers: Record<string, string> = {}, secret = SECRET) =>
    fetch(`${sync.url}/webhooks/crm`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-corebridge-signature': signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
        ...headers,
      },
      body,
    });
  const rows = async (sql: string, values: unknown[]) => (await db.query(sql, values)).rows;
  const metric = async (outcome: string) =>
    (await sync.metrics.webhooks.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

  it('takes the CRM’s signed webhooks into the cache: the record ends at its newest version', async () => {
    const company = sim.crm.store.create(
      'company',
      {
        name: 'Hook LLC',
        inn: '7736050003',
        kpp: null,
        ogrn: null,
        segment: 'medium',
        phone: null,
        email: null,
        legalAddress: null,
        custom: {},
      },
      API,
    );
    for (let i = 1; i <= 3; i++) sim.crm.store.update('company', company.id, { name: `Hook LLC ${i}` }, API);
    await vi.waitFor(async () => {
      expect(
        await rows(
          "SELECT version, state->>'name' AS name FROM crm_records WHERE entity = 'company' AND id = $1",
          [company.id],
        ),
      ).toEqual([{ version: 4, name: 'Hook LLC 3' }]);
    }, WAIT);
  });

  it('200 parallel deliveries of one new client under one key: one inbox row, one card, the rest wait or replay', async () => {
    const body = newClientWebhook('900001');
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => post(body, { 'idempotency-key': 'same-key-1' })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
    expect(
      answers.filter((a) => a.status === 202 && a.headers.get('idempotent-replayed') !== 'true'),
    ).toHaveLength(1);
    const replay = await post(body, { 'idempotency-key': 'same-key-1' });
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual({ idempotencyKey: 'same-key-1', status: 'accepted' });
    await vi.waitFor(async () => {
      expect(
        await rows("SELECT id FROM crm_records WHERE entity = 'company' AND id = '900001'", []),
      ).toHaveLength(1);
      expect(await rows("SELECT status FROM webhook_inbox WHERE idempotency_key = 'same-key-1'", [])).toEqual(
        [{ status: 'processed' }],
      );
    }, WAIT);
  });

  it('200 parallel deliveries of one new client under 200 keys: 200 inbox rows, still one card', async () => {
    const body = newClientWebhook('900002');
    const duplicatesBefore = (await sync.metrics.duplicates.get()).values.reduce((s, v) => s + v.value, 0);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post(body, { 'idempotency-key': `key-${i}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(202));
    await vi.waitFor(async () => {
      expect(
        await rows(
          "SELECT count(*)::int AS n FROM webhook_inbox WHERE idempotency_key LIKE 'key-%' AND status = 'processed'",
          [],
        ),
      ).toEqual([{ n: 200 }]);
    }, WAIT);
    expect(
      await rows("SELECT version FROM crm_records WHERE entity = 'company' AND id = '900002'", []),
    ).toEqual([{ version: 1 }]);
    const duplicatesAfter = (await sync.metrics.duplicates.get()).values.reduce((s, v) => s + v.value, 0);
    expect(duplicatesAfter - duplicatesBefore).toBe(199);
  });

  it('answers what is wrong with a delivery, with a code, and stores nothing for it', async () => {
    const body = newClientWebhook('900003');
    const codeOf = async (response: Response) => [
      response.status,
      ((await response.json()) as { error: { code: string } }).error.code,
    ];
    expect(await codeOf(await post(body, { 'idempotency-key': 'k-bad-sig' }, 'whsec_wrong'))).toEqual([
      401,
      'SIGNATURE_MISMATCH',
    ]);
    expect(await codeOf(await post(body, {}))).toEqual([400, 'IDEMPOTENCY_KEY_MISSING']);
    expect(await codeOf(await post('{"deliveryId":"x"}', { 'idempotency-key': 'k-invalid' }))).toEqual([
      422,
      'INVALID_WEBHOOK',
    ]);
    expect(await codeOf(await post('not json', { 'idempotency-key': 'k-not-json' }))).toEqual([
      400,
      'INVALID_JSON',
    ]);
    const huge = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) });
    expect(await codeOf(await post(huge, { 'idempotency-key': 'k-huge' }))).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
    expect(
      await rows("SELECT idempotency_key FROM webhook_inbox WHERE idempotency_key LIKE 'k-%'", []),
    ).toEqual([]);

    expect((await post(body, { 'idempotency-key': 'k-reuse' })).status).toBe(202);
    expect(await codeOf(await post(newClientWebhook('900004'), { 'idempotency-key': 'k-reuse' }))).toEqual([
      422,
      'IDEMPOTENCY_KEY_REUSED',
    ]);
    expect(await metric('rejected-signature')).toBeGreaterThan(0);
  });

  it('accepts either secret while they rotate', async () => {
    const response = await post(
      newClientWebhook('900005'),
      { 'idempotency-key': 'k-rotated' },
      'whsec_new_one',
    );
    expect(response.status).toBe(202);
  });
});
