import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../infra/logger.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

const WAIT = { timeout: 20_000, interval: 100 };
const UI = { channel: 'ui', client: null } as const;
const PHONE = '+7 495 999-88-77';

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly error?: { code: string; message: string };
}

/**
 * Every error answer of both services, real apps on a real PostgreSQL: JSON `{error:{code,message}}`
 * for unknown paths, bodies the parsers refuse and failures nobody foresaw, never express's HTML
 * page, a stack trace or the request's data; a NUL in a bank write refused before anything is written.
 */
describe('error answers of the sync service and the simulator', () => {
  let system: TestSystem;
  let db: pg.Pool;
  const logLines: string[] = [];
  const answers: Answer[] = [];

  beforeAll(async () => {
    system = await startTestSystem({
      name: 'error_answers',
      seed: 71,
      organisations: 3,
      sync: () => ({
        webhookSecrets: ['whsec_error_answers'],
        log: createLogger('test', 'info', { write: (line: string) => void logLines.push(line) }),
      }),
    });
    db = new pg.Pool({ connectionString: system.databaseUrl });
    // The cache learns of a client card from the CRM's feed: touch one so it is cached.
    system.sim.crm.store.update('company', '1', { phone: '+7 495 000-00-01' }, UI);
    await vi.waitFor(async () => expect(await card('1')).toBeDefined(), WAIT);
  });
  afterAll(async () => {
    await db.end();
    await system.stop();
  });

  const card = async (id: string) =>
    (await db.query("SELECT state FROM crm_records WHERE entity = 'company' AND id = $1", [id])).rows[0]
      ?.state as Record<string, unknown> | undefined;
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;

  /** Sends a request and keeps its answer, so the last test can look at every one of them. */
  const send = async (url: string, init: RequestInit = {}): Promise<Answer> => {
    const response = await fetch(url, init);
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const answer: Answer = {
      status: response.status,
      contentType,
      text,
      ...(contentType.startsWith('application/json') ? (JSON.parse(text) as object) : {}),
    };
    answers.push(answer);
    return answer;
  };
  const sync = (path: string, init?: RequestInit) => send(`${system.sync.url}${path}`, init);
  const sim = (path: string, init?: RequestInit) => send(`${system.sim.url}${path}`, init);
  const control = (path: string, init: RequestInit) =>
    sim(`/_control${path}`, {
      ...init,
      headers: { authorization: `Bearer ${system.sim.controlToken}`, ...init.headers },
    });
  const post = (body: string | Uint8Array, headers: Record<string, string>, method = 'POST') => ({
    method,
    headers,
    body,
  });
  const JSON_TYPE = { 'content-type': 'application/json' };
  const codeOf = (answer: Answer) => ({ status: answer.status, code: answer.error?.code });

  it('answers an unknown path 404 NOT_FOUND as JSON, in both services', async () => {
    for (const answer of [
      await sync('/nowhere'),
      await sync('/api/v1/nowhere', post('{}', JSON_TYPE)),
      await sim('/nowhere'),
      await sim('/abs/api/v1/nowhere'),
    ]) {
      expect(codeOf(answer)).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(answer.contentType).toMatch(/^application\/json/);
    }
  });

  it('answers a body that is not JSON 400 INVALID_JSON, without quoting it', async () => {
    const broken = `{"fields": {"phone": "${PHONE}"`;
    const answers = [
      await sync('/api/v1/crm/company/1', post(broken, JSON_TYPE, 'PATCH')),
      await control('/faults/rules', post(broken, JSON_TYPE)),
    ];
    for (const answer of answers) {
      expect(codeOf(answer)).toEqual({ status: 400, code: 'INVALID_JSON' });
      expect(answer.text).not.toContain(PHONE);
    }
  });

  it('answers a body over 1 MB 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ fields: { phone: 'x'.repeat(1_100_000) } });
    for (const answer of [
      await sync('/api/v1/crm/company/1', post(big, JSON_TYPE, 'PATCH')),
      await control('/faults/rules', post(big, JSON_TYPE)),
    ])
      expect(codeOf(answer)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers an unsupported charset 415 UNSUPPORTED_CHARSET', async () => {
    const latin1 = { 'content-type': 'application/json; charset=latin1' };
    for (const answer of [
      await sync('/api/v1/crm/company/1', post('{"fields":{}}', latin1, 'PATCH')),
      await control('/reset', post('{"seed":1}', latin1)),
    ])
      expect(codeOf(answer)).toEqual({ status: 415, code: 'UNSUPPORTED_CHARSET' });
  });

  it('answers a Content-Encoding it does not know 415, a body that does not decode as declared 400', async () => {
    const unknown = { ...JSON_TYPE, 'content-encoding': 'x-squash' };
    const notGzip = { ...JSON_TYPE, 'content-encoding': 'gzip' };
    const body = '{"fields":{"phone":"1"}}';
    for (const answer of [
      await sync('/api/v1/crm/company/1', post(body, unknown, 'PATCH')),
      await sync('/webhooks/crm', post(body, unknown)),
      await control('/reset', post('{"seed":1}', unknown)),
    ])
      expect(codeOf(answer)).toEqual({ status: 415, code: 'UNSUPPORTED_ENCODING' });
    for (const answer of [
      await sync('/api/v1/crm/company/1', post(body, notGzip, 'PATCH')),
      await sync('/webhooks/crm', post(body, notGzip)),
      await control('/reset', post('{"seed":1}', notGzip)),
    ])
      expect(codeOf(answer)).toEqual({ status: 400, code: 'INVALID_ENCODING' });
    // A body that is gzip indeed is read as ever.
    const zipped = await sync(
      '/api/v1/crm/company/1',
      post(gzipSync(JSON.stringify({ fields: { email: 'zip@example.ru' } })), notGzip, 'PATCH'),
    );
    expect(zipped.status).toBe(202);
  });

  it('refuses a NUL or a lone surrogate in a bank write 422 UNSUPPORTED_CHARACTER; nothing is written', async () => {
    // bank_writes rows commit with their outbox event or not at all; the outbox itself drains as it goes.
    const before = { card: await card('1'), writes: await count('bank_writes') };
    const change = (fields: object) => post(JSON.stringify({ fields }), JSON_TYPE, 'PATCH');
    const contact = (fields: object) =>
      post(
        JSON.stringify({ externalId: 'bank-contact-1', fields: { companyId: '1', ...fields } }),
        JSON_TYPE,
      );
    const refused = [
      await sync('/api/v1/crm/company/1', change({ phone: `${PHONE}\u0000` })),
      await sync('/api/v1/crm/company/1', change({ name: 'Ромашка \ud800' })),
      await sync('/api/v1/crm/company/1', change({ legalAddress: 'Москва\u0000' })),
      await sync('/api/v1/crm/company/1%00', change({ phone: PHONE })),
      await sync('/api/v1/crm/contact', contact({ lastName: 'Иванов', phone: `${PHONE}\u0000` })),
      await sync('/api/v1/crm/contact', contact({ lastName: 'Ива\u0000нов' })),
      await sync(
        '/api/v1/clients/1/interactions',
        post(
          JSON.stringify({ externalId: 'i-1', subject: 'call\u0000', at: new Date().toISOString() }),
          JSON_TYPE,
        ),
      ),
    ];
    for (const answer of refused) {
      expect(codeOf(answer)).toEqual({ status: 422, code: 'UNSUPPORTED_CHARACTER' });
      expect(answer.error?.message).toMatch(/^Failed to .*NUL character/);
      expect(answer.text).not.toContain(PHONE);
    }
    expect(refused[0]?.error?.message).toContain('fields.phone');
    expect({ card: await card('1'), writes: await count('bank_writes') }).toEqual(before);
    const created = await db.query("SELECT 1 FROM bank_writes WHERE record_id = 'ext:bank-contact-1'");
    expect(created.rowCount).toBe(0);
  });

  it('answers a failure nobody foresaw 500 INTERNAL, and logs it without the request’s data', async () => {
    // The database refuses the write for a reason no route knows of; its error quotes the row.
    await db.query(
      `ALTER TABLE bank_writes ADD CONSTRAINT refuse_for_test CHECK (value::text NOT LIKE '%999-88-77%') NOT VALID`,
    );
    try {
      const before = await card('1');
      const answer = await sync(
        '/api/v1/crm/company/1',
        post(JSON.stringify({ fields: { phone: PHONE } }), JSON_TYPE, 'PATCH'),
      );
      expect(codeOf(answer)).toEqual({ status: 500, code: 'INTERNAL' });
      expect(answer.error?.message).toMatch(/^Failed to answer the request: an internal error/);
      expect(await card('1')).toEqual(before);
      const logged = logLines.filter((line) => line.includes('request failed'));
      expect(logged).toHaveLength(1);
      expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({
        level: 50,
        method: 'PATCH',
        route: '/crm/:entity/:id',
        error: { type: 'ApiError', cause: { code: '23514' } },
      });
      expect(logLines.join('\n')).not.toContain('999-88-77');
    } finally {
      await db.query('ALTER TABLE bank_writes DROP CONSTRAINT refuse_for_test');
    }
  });

  it('never answers HTML, a stack trace, a file path or the request’s data', () => {
    expect(answers.length).toBeGreaterThan(20);
    for (const answer of answers) {
      const where = `${answer.status} ${answer.text.slice(0, 200)}`;
      if (answer.status < 400) continue;
      expect(answer.contentType, where).toMatch(/^application\/json/);
      expect(Object.keys(answer.error ?? {}), where).toEqual(['code', 'message']);
      expect(answer.text, where).not.toMatch(/node_modules|\n\s+at |<html|<pre>|\.ts:\d+/i);
      expect(answer.text, where).not.toContain(PHONE);
    }
  });
});
