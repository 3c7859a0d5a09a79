import express from 'express';
import { describe, expect, it } from 'vitest';
import { listen } from '../infra/http-server.ts';
import { bitrixRoutes } from '../simulator/crm/bitrix/index.ts';
import { useBitrixTestPortal } from './bitrix-test-portal.ts';

/**
 * The Bitrix24 flavor over HTTP on a real loopback server, called the way the REST docs show:
 * `/rest/<user>/<token>/<method>[.json]`, GET with PHP-style query strings, POST with JSON or forms.
 */
const portal = useBitrixTestPortal();
const { store, changes, call, post, postForm } = portal;

describe('Bitrix24 flavor: envelope and reads', () => {
  it('answers a get in the { result, time } envelope, with or without .json', async () => {
    const withSuffix = await call('crm.company.get.json?id=2');
    const without = await call('crm.company.get?ID=2');
    expect(withSuffix.status).toBe(200);
    expect(withSuffix.body).toEqual(without.body);
    expect(withSuffix.body.result).toMatchObject({
      ID: '2',
      TITLE: 'ООО Ромашка 2',
      UF_CRM_BANK_ID: 'bank-2',
    });
    expect(withSuffix.body.time).toMatchObject({
      start: portal.now() / 1000,
      duration: 0,
      date_start: '2026-11-21T12:00:00+03:00',
      operating: 0,
    });
  });

  it('pages lists by 50 with next and total, and start=-1 skips the count', async () => {
    const first = await call('crm.contact.list?order[ID]=ASC');
    expect(first.body).toMatchObject({ total: 60, next: 50 });
    expect(first.body.result as unknown[]).toHaveLength(50);
    const second = await call(`crm.contact.list?order[ID]=ASC&start=${first.body.next}`);
    expect(second.body.total).toBe(60);
    expect(second.body).not.toHaveProperty('next');
    expect(second.body.result as unknown[]).toHaveLength(10);
    const fast = await call('crm.contact.list?start=-1&filter[>ID]=450&order[ID]=ASC&select[]=ID');
    expect(fast.body).toMatchObject({ total: 0, result: [{ ID: '465' }, { ID: '466' }] });
    expect(fast.body).not.toHaveProperty('next');
  });

  it('filters with PHP-style GET keys and JSON bodies: >ID, %LAST_NAME, !ID, @ID, user fields', async () => {
    const ids = (body: Record<string, unknown>) =>
      (body.result as Array<{ ID: string }>).map((row) => row.ID);
    expect(ids((await call('crm.company.list?filter[>ID]=27&select[]=ID')).body)).toEqual(['28', '29', '30']);
    expect(ids((await call('crm.company.list?filter[%3C%3DID]=2&filter[!ID]=1')).body)).toEqual(['2']);
    const bySurname = await post('crm.contact.list', {
      filter: { '%LAST_NAME': 'сидор', '@COMPANY_ID': [1, 2] },
    });
    expect(ids(bySurname.body)).toEqual(['2', '18']);
    expect(ids((await call('crm.company.list?filter[UF_CRM_BANK_ID]=bank-7')).body)).toEqual(['7']);
  });

  it('returns multi-fields from list only when selected, as the portal does', async () => {
    const plain = await call('crm.contact.list?filter[ID]=1');
    expect((plain.body.result as object[])[0]).not.toHaveProperty('EMAIL');
    const selected = await call('crm.contact.list?filter[ID]=1&select[]=ID&select[]=EMAIL');
    expect(selected.body.result).toEqual([
      { ID: '1', EMAIL: [{ ID: '12', VALUE_TYPE: 'WORK', VALUE: 'person1-0@example.ru', TYPE_ID: 'EMAIL' }] },
    ]);
  });
});

describe('Bitrix24 flavor: writes', () => {
  it('adds and updates through JSON and form bodies, as webhook:<user>, and >=DATE_MODIFY finds the change', async () => {
    const added = await post('crm.contact.add', {
      fields: {
        NAME: 'Олег',
        LAST_NAME: 'Новиков',
        COMPANY_ID: 3,
        EMAIL: [{ VALUE: 'oleg@example.ru', VALUE_TYPE: 'WORK' }],
      },
    });
    expect(added.status).toBe(200);
    const id = String(added.body.result);
    portal.advance(60_000);
    const updated = await postForm(
      `crm.contact.update`,
      `id=${id}&fields%5BPOST%5D=CFO&fields[PHONE][0][VALUE]=%2B7+900`,
    );
    expect(updated.body.result).toBe(true);
    const got = await call(`crm.contact.get?id=${id}`);
    expect(got.body.result).toMatchObject({ NAME: 'Олег', POST: 'CFO', COMPANY_ID: '3', HAS_PHONE: 'Y' });
    expect(changes.filter((change) => change.id === id).map((c) => [c.operation, c.origin])).toEqual([
      ['create', { channel: 'api', client: 'webhook:1' }],
      ['update', { channel: 'api', client: 'webhook:1' }],
    ]);
    const recent = await post('crm.contact.list', {
      filter: { '>=DATE_MODIFY': '2026-11-21T12:01:00+03:00' },
    });
    expect((recent.body.result as Array<{ ID: string }>).map((row) => row.ID)).toEqual([id]);
  });

  it('creates custom company fields within the portal name limit and stores their values', async () => {
    const created = await post('crm.company.userfield.add', {
      fields: { FIELD_NAME: 'RISK_SCORE', USER_TYPE_ID: 'integer' },
    });
    expect(typeof created.body.result).toBe('number');
    const tooLong = await post('crm.company.userfield.add', {
      fields: { FIELD_NAME: 'RISK_SCORE_VALUE', USER_TYPE_ID: 'string' },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error_description).toMatch(/too long/);
    await post('crm.company.update', { id: 5, fields: { UF_CRM_RISK_SCORE: '7', UF_CRM_CREDIT_LIMIT: 1.5 } });
    expect(store.get('company', '5')?.custom).toEqual({ creditLimit: 1.5, riskScore: 7 });
    const fields = (await call('crm.company.fields')).body.result as Record<string, { type: string }>;
    expect(fields.UF_CRM_RISK_SCORE?.type).toBe('integer');
  });

  it('keeps tasks as activities and authorities as smart-process items', async () => {
    const activity = await post('crm.activity.add', {
      fields: {
        OWNER_TYPE_ID: 4,
        OWNER_ID: 4,
        TYPE_ID: 2,
        SUBJECT: 'Звонок',
        COMMUNICATIONS: [{ ENTITY_TYPE_ID: 3, ENTITY_ID: 49 }],
      },
    });
    const task = store.get('task', String(activity.body.result));
    expect(task).toMatchObject({ companyId: '4', contactId: '49', subject: 'Звонок', status: 'open' });
    const item = await post('crm.item.add', {
      entityTypeId: 1036,
      fields: { companyId: 4, contactId: 49, ufCrm7Kind: 'view-accounts', ufCrm7Accounts: ['acc-4-1'] },
    });
    expect(item.body.result).toMatchObject({
      item: { companyId: 4, contactId: 49, begindate: '2026-11-21T00:00:00+03:00' },
    });
    const missing = await call('crm.item.get?entityTypeId=1036&id=999999');
    expect(missing).toEqual({
      status: 400,
      body: { error: 'NOT_FOUND', error_description: 'Элемент не найден' },
    });
  });
});

describe('Bitrix24 flavor: batch', () => {
  it('feeds $result references forward and reports per-command results', async () => {
    const answer = await post('batch', {
      halt: 0,
      cmd: {
        company: 'crm.company.add?fields[TITLE]=ООО Пакет&fields[UF_CRM_INN]=7707083893',
        contact: 'crm.contact.add?fields[LAST_NAME]=Пакетов&fields[COMPANY_ID]=$result[company]',
        read: 'crm.contact.get?id=$result[contact]',
        page: 'crm.contact.list?filter[COMPANY_ID]=$result[company]',
      },
    });
    const body = answer.body.result as Record<string, Record<string, unknown>>;
    expect(answer.status).toBe(200);
    expect(body.result?.read).toMatchObject({
      LAST_NAME: 'Пакетов',
      COMPANY_ID: String(body.result?.company),
    });
    expect(body.result_total).toEqual({ page: 1 });
    expect(body.result_error).toEqual([]);
    expect(Object.keys(body.result_time ?? {})).toEqual(['company', 'contact', 'read', 'page']);
  });

  it('stops at the first failing command when halt=1, sent as a double-encoded GET', async () => {
    const cmd = (name: string, value: string) => `cmd[${name}]=${encodeURIComponent(value)}`;
    const query = [
      'halt=1',
      cmd('missing', 'crm.contact.get?id=999999'),
      cmd('after', 'crm.contact.get?id=1'),
    ].join('&');
    const answer = await call(`batch?${query}`);
    expect(answer.body.result).toMatchObject({
      result: [],
      result_error: { missing: { error: '', error_description: 'Not found' } },
    });
  });
});

describe('Bitrix24 flavor: errors', () => {
  it('answers the portal codes and statuses', async () => {
    expect(await call('crm.contact.get?id=999999')).toEqual({
      status: 400,
      body: { error: '', error_description: 'Not found' },
    });
    expect(await call('crm.contact.get')).toMatchObject({
      status: 400,
      body: { error_description: 'ID is not defined or invalid.' },
    });
    expect(await call('crm.nothing.here')).toEqual({
      status: 404,
      body: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' },
    });
    const wrongToken = await fetch(`${portal.portalUrl}/rest/1/wrong/crm.contact.list`);
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.json()).toEqual({
      error: 'INVALID_CREDENTIALS',
      error_description: 'Invalid request credentials',
    });
    const noAuth = await fetch(`${portal.portalUrl}/rest/crm.contact.list`);
    expect([noAuth.status, ((await noAuth.json()) as { error: string }).error]).toEqual([
      401,
      'NO_AUTH_FOUND',
    ]);
    const invalid = await post('crm.company.update', { id: 1, fields: { UF_CRM_INN: '123' } });
    expect(invalid).toMatchObject({ status: 400, body: { error: '' } });
    expect(String(invalid.body.error_description)).toMatch(/UF_CRM_INN/);
  });

  it('refuses with 503 QUERY_LIMIT_EXCEEDED once a burst of 50 is used up, and recovers as it drains', async () => {
    let limitedNow = 0;
    const limitedClock = { now: () => limitedNow };
    const app = express();
    app.use(bitrixRoutes({ store, clock: limitedClock, webhooks: [{ userId: 7, token: 't' }] }));
    const limited = await listen(app);
    try {
      const url = `${limited.url}/rest/7/t/crm.company.get?id=1`;
      const statuses: number[] = [];
      for (let i = 0; i < 51; i++) statuses.push((await fetch(url)).status);
      expect(statuses.slice(0, 50).every((status) => status === 200)).toBe(true);
      const refused = await fetch(url);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toEqual({
        error: 'QUERY_LIMIT_EXCEEDED',
        error_description: 'Too many requests',
      });
      expect(statuses[50]).toBe(503);
      limitedNow += 1_000; // drains 2
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url)).status).toBe(503);
    } finally {
      await limited.close();
    }
  });
});
