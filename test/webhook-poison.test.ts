import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signatureHeader } from '../contracts/webhooks/webhook-signature.ts';
import { systemClock } from '../infra/clock.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { createInboxWriter } from '../sync-service/intake/inbox-writer.ts';
import { type SyncService, startSyncService } from '../sync-service/start-sync-service.ts';
import { newClientWebhook } from './fixtures/new-client-webhook.ts';
import { testDatabase } from './test-database.ts';

const SECRET = 'whsec_test_poison';
const WAIT = { timeout: 20_000, interval: 100 };
const run = promisify(execFile);

/** A webhook body as an object, so a test can break one field of it. */
const webhook = (id: string) => JSON.parse(newClientWebhook(id)) as Record<string, Record<string, unknown>>;

describe('webhook intake: one bad delivery never costs its neighbours, on real PostgreSQL', () => {
  let databaseUrl: string;
  let db: pg.Client;
  let sim: Simulator;
  let sync: SyncService;
  const bus = createMemoryBus();

  beforeAll(async () => {
    databaseUrl = await testDatabase('poison');
    sim = await startSimulator({
      seed: 22,
      dataset: { organisations: 3, accountsPerOrganisation: 1 },
      bus,
      clock: systemClock,
    });
    sync = await startSyncService({
      databaseUrl,
      bus,
      absUrl: sim.url,
      webhookSecrets: [SECRET],
      clock: systemClock,
      log: createLogger('test', 'silent'),
    });
    await sync.ready;
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await sync.stop();
    await sim.stop();
    await bus.stop();
  });

  const post = (body: string, key: string) =>
    fetch(`${sync.url}/webhooks/crm`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-corebridge-signature': signatureHeader(SECRET, body, Math.floor(Date.now() / 1000)),
        'idempotency-key': key,
      },
      body,
    });
  const errorOf = async (response: Response) => {
    const body = (await response.json()) as { error: { code: string; message: string } };
    return { status: response.status, ...body.error };
  };
  const rows = async (sql: string, values: unknown[] = []) => (await db.query(sql, values)).rows;
  const cards = (ids: string[]) =>
    rows("SELECT id, version FROM crm_records WHERE entity = 'company' AND id = ANY($1) ORDER BY id", [ids]);
  const inboxKeys = (prefix: string) =>
    rows('SELECT idempotency_key FROM webhook_inbox WHERE idempotency_key LIKE $1', [`${prefix}%`]);
  const cli = (...args: string[]) =>
    run(process.execPath, ['cli/main.ts', 'dlq', ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
  const parkedMetric = async (cause: string) => {
    const text = await (await fetch(`${sync.url}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`corebridge_webhook_deliveries_parked_total{cause="${cause}"}`));
    return Number(line?.split(' ').at(-1) ?? 0);
  };

  it('refuses numbers the cache’s integer columns cannot hold with 422, before the 202, and stores nothing', async () => {
    const cases: [string, (body: Record<string, Record<string, unknown>>) => void, string][] = [
      ['a-version-3e9', (b) => Object.assign(b.record ?? {}, { version: 3_000_000_000 }), 'record.version'],
      ['a-version-2e31', (b) => Object.assign(b.record ?? {}, { version: 2 ** 31 }), 'record.version'],
      ['a-version-negative', (b) => Object.assign(b.record ?? {}, { version: -1 }), 'record.version'],
      ['a-version-fraction', (b) => Object.assign(b.record ?? {}, { version: 1.5 }), 'record.version'],
      [
        'a-sequence-3e9',
        (b) => Object.assign(b.change ?? {}, { sequence: 3_000_000_000 }),
        'change.sequence',
      ],
      ['a-sequence-zero', (b) => Object.assign(b.change ?? {}, { sequence: 0 }), 'change.sequence'],
    ];
    for (const [key, breakIt, path] of cases) {
      const body = webhook(`9100${cases.findIndex((c) => c[0] === key)}`);
      breakIt(body);
      const answer = await errorOf(await post(JSON.stringify(body), key));
      expect(answer, key).toMatchObject({ status: 422, code: 'INVALID_WEBHOOK' });
      expect(answer.message, key).toContain(path);
    }
    expect(await inboxKeys('a-')).toEqual([]);
  });

  it('takes the largest integer version, 2^31 − 1, and applies it', async () => {
    const body = webhook('910100');
    Object.assign(body.record ?? {}, { version: 2 ** 31 - 1 });
    Object.assign(body.change ?? {}, { sequence: 2 ** 31 - 1 });
    expect((await post(JSON.stringify(body), 'a-version-max')).status).toBe(202);
    await vi.waitFor(async () => {
      expect(await cards(['910100'])).toEqual([{ id: '910100', version: 2 ** 31 - 1 }]);
    }, WAIT);
  });

  it('parks the inbox rows that cannot be applied as dead letters, applies their batch-mates, and redrives them once fixed', async () => {
    const parkedBefore = {
      rejected: await parkedMetric('rejected'),
      exhausted: await parkedMetric('attempts-exhausted'),
    };
    // Three ways for a row already in the inbox to fail, none of them seen by the intake's checks:
    // the cache refuses its values (a constraint), it is no CRM change (stored before the version
    // check existed), and a failure a retry might fix (an error without a data SQLSTATE).
    await db.query(
      "ALTER TABLE crm_records ADD CONSTRAINT refuse_poison CHECK (id NOT LIKE 'poison-%') NOT VALID",
    );
    await db.query(`
      CREATE FUNCTION refuse_stuck() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id LIKE 'stuck-%' THEN RAISE EXCEPTION 'card % is locked by a migration', NEW.id; END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      'CREATE TRIGGER refuse_stuck BEFORE INSERT OR UPDATE ON crm_records FOR EACH ROW EXECUTE FUNCTION refuse_stuck()',
    );
    const tooBig = webhook('version-1');
    Object.assign(tooBig.record ?? {}, { version: 3_000_000_000 });
    const inbox = [
      { key: 'b-good-1', payload: webhook('b-good-1'), attempts: 0 },
      { key: 'b-poison', payload: webhook('poison-1'), attempts: 0 },
      { key: 'b-good-2', payload: webhook('b-good-2'), attempts: 0 },
      { key: 'b-version', payload: tooBig, attempts: 0 },
      { key: 'b-stuck', payload: webhook('stuck-1'), attempts: 19 },
      { key: 'b-good-3', payload: webhook('b-good-3'), attempts: 0 },
    ];
    // Written straight into the inbox in one statement, so the processor claims them as one batch.
    await db.query(
      `INSERT INTO webhook_inbox (idempotency_key, body_sha256, event, payload, attempts, response_status, response_body)
       SELECT key, sha, 'crm.company.create', payload, attempts, 202, '{}'
       FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::int[]) AS t(key, sha, payload, attempts)`,
      [
        inbox.map((d) => d.key),
        inbox.map((d) => createHash('sha256').update(JSON.stringify(d.payload)).digest('hex')),
        inbox.map((d) => JSON.stringify(d.payload)),
        inbox.map((d) => d.attempts),
      ],
    );
    await db.query("SELECT pg_notify('webhook_inbox', '')");

    await vi.waitFor(async () => {
      expect(await cards(['b-good-1', 'b-good-2', 'b-good-3'])).toHaveLength(3);
      expect(
        await rows(
          "SELECT idempotency_key AS key, status FROM webhook_inbox WHERE idempotency_key LIKE 'b-%' ORDER BY 1",
        ),
      ).toEqual([
        { key: 'b-good-1', status: 'processed' },
        { key: 'b-good-2', status: 'processed' },
        { key: 'b-good-3', status: 'processed' },
        { key: 'b-poison', status: 'parked' },
        { key: 'b-stuck', status: 'parked' },
        { key: 'b-version', status: 'parked' },
      ]);
    }, WAIT);
    expect(await cards(['poison-1', 'stuck-1', 'version-1'])).toEqual([]);
    expect(await parkedMetric('rejected')).toBe(parkedBefore.rejected + 2);
    expect(await parkedMetric('attempts-exhausted')).toBe(parkedBefore.exhausted + 1);

    const { stdout } = await cli('list', '--json', '--topic', 'crm.webhook');
    const letters = (
      JSON.parse(stdout) as { id: string; topic: string; key: string; error: string }[]
    ).toSorted((a, b) => a.key.localeCompare(b.key));
    expect(letters.map((l) => [l.topic, l.key])).toEqual([
      ['crm.webhook', 'b-poison'],
      ['crm.webhook', 'b-stuck'],
      ['crm.webhook', 'b-version'],
    ]);
    const [poison, stuck, version] = letters.map((l) => l.error);
    expect(poison).toMatch(/^Failed to apply webhook delivery b-poison: .*check constraint "refuse_poison"/);
    expect(stuck).toMatch(/card stuck-1 is locked by a migration \(attempt 20\)/);
    expect(version).toMatch(/not a CRM change \(record\.version: .*2147483647/);
    for (const error of letters.map((l) => l.error)) expect(error).toMatch(/redrive it/);

    // The fixes: the constraint and the trigger go, an operator corrects the stored version.
    await db.query('ALTER TABLE crm_records DROP CONSTRAINT refuse_poison');
    await db.query('DROP TRIGGER refuse_stuck ON crm_records');
    await db.query(
      "UPDATE webhook_inbox SET payload = jsonb_set(payload, '{record,version}', '1') WHERE idempotency_key = 'b-version'",
    );
    expect((await cli('redrive', '--all', '--topic', 'crm.webhook')).stdout).toBe(
      'Redrove 3 dead letter(s).\n',
    );
    await vi.waitFor(async () => {
      expect(await cards(['poison-1', 'stuck-1', 'version-1'])).toEqual([
        { id: 'poison-1', version: 1 },
        { id: 'stuck-1', version: 1 },
        { id: 'version-1', version: 1 },
      ]);
      // The inbox rows are marked once their batch is done, a moment after the cards show.
      expect(
        await rows(
          "SELECT count(*)::int AS n FROM webhook_inbox WHERE idempotency_key LIKE 'b-%' AND status <> 'processed'",
        ),
      ).toEqual([{ n: 0 }]);
    }, WAIT);
    expect((await cli('list')).stdout).toBe('No dead letters.\n');
  });

  it('refuses a NUL character or a lone surrogate with 422 for that delivery alone; its concurrent neighbours are applied', async () => {
    const nul = webhook('920000');
    Object.assign(nul.record ?? {}, { name: 'A\u0000B' });
    const surrogate = webhook('920001');
    Object.assign(surrogate.record ?? {}, { custom: { note: '\ud800' } });
    const good = Array.from({ length: 20 }, (_, i) => `9201${String(i).padStart(2, '0')}`);
    const [nulAnswer, surrogateAnswer, ...goodAnswers] = await Promise.all([
      post(JSON.stringify(nul), 'c-nul'),
      post(JSON.stringify(surrogate), 'c-surrogate'),
      ...good.map((id) => post(newClientWebhook(id), `c-good-${id}`)),
    ]);
    expect(await errorOf(nulAnswer as Response)).toMatchObject({
      status: 422,
      code: 'UNSUPPORTED_CHARACTER',
      message: expect.stringMatching(/^Failed to accept the delivery: record\.name holds a NUL/),
    });
    expect(await errorOf(surrogateAnswer as Response)).toMatchObject({
      status: 422,
      code: 'UNSUPPORTED_CHARACTER',
      message: expect.stringContaining('record.custom.note'),
    });
    expect(goodAnswers.map((a) => a.status)).toEqual(Array(20).fill(202));
    await vi.waitFor(async () => {
      expect(await cards(good)).toHaveLength(20);
    }, WAIT);
    expect(await inboxKeys('c-nul')).toEqual([]);
    expect(await inboxKeys('c-surrogate')).toEqual([]);
  });

  it('still refuses alone what the database cannot store if it reaches the inbox writer: the rest of its batch is written', async () => {
    const pool = new pg.Pool({ connectionString: databaseUrl });
    try {
      const writer = createInboxWriter(pool);
      const write = (key: string, payload: unknown) =>
        writer.record(key, 'crm.company.create', Buffer.from(JSON.stringify(payload)), payload);
      const outcomes = await Promise.all([
        write('w-good-1', webhook('930001')),
        write('w-nul', { ...webhook('930002'), note: 'x\u0000y' }),
        write('w-good-2', webhook('930003')),
      ]);
      expect(outcomes.map((o) => o.kind)).toEqual(['accepted', 'unstorable', 'accepted']);
      expect(outcomes[1]).toMatchObject({
        reason: 'unsupported Unicode escape sequence: \\u0000 cannot be converted to text',
      });
      expect((await inboxKeys('w-')).map((r) => r.idempotency_key).toSorted()).toEqual([
        'w-good-1',
        'w-good-2',
      ]);
    } finally {
      await pool.end();
    }
  });

  it('refuses JSON nested 50 000 levels deep with 400 JSON_TOO_DEEP, and keeps serving', async () => {
    const levels = 50_000;
    const body = webhook('940000');
    const deepRecord = JSON.stringify(body).replace(
      '"custom":{}',
      `"custom":{},"deep":${'['.repeat(levels)}${']'.repeat(levels)}`,
    );
    const deepObject = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    for (const [key, text] of [
      ['d-record', deepRecord],
      ['d-object', deepObject],
    ] as const)
      expect(await errorOf(await post(text, key))).toMatchObject({
        status: 400,
        code: 'JSON_TOO_DEEP',
        message: expect.stringContaining('deeper than 32 levels'),
      });
    expect(await inboxKeys('d-')).toEqual([]);
    expect((await post(newClientWebhook('940001'), 'd-after')).status).toBe(202);
    await vi.waitFor(async () => {
      expect(await cards(['940001'])).toHaveLength(1);
    }, WAIT);
  });

  it('refuses an idempotency key too long to index with 400 IDEMPOTENCY_KEY_INVALID', async () => {
    expect(await errorOf(await post(newClientWebhook('950000'), `e-${'k'.repeat(300)}`))).toMatchObject({
      status: 400,
      code: 'IDEMPOTENCY_KEY_INVALID',
    });
  });
});
