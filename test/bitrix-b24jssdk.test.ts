import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApiVersion, B24Hook } from '@bitrix24/b24jssdk';
import express from 'express';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmChange } from '../contracts/crm/crm-records.ts';
import { bitrixRoutes } from '../simulator/crm/bitrix/index.ts';
import { CrmStore } from '../simulator/crm/crm-store.ts';
import { fixtureCrmBase } from '../simulator/crm/fixture-crm-base.ts';

/**
 * The official SDK, `@bitrix24/b24jssdk`, calling the simulator exactly as it calls a portal. Its
 * `B24Hook` always builds `https://<domain>/rest/<user>/<secret>/<method>` (it rewrites http:// to
 * https://), so the portal listens on loopback with a throwaway self-signed certificate and the
 * SDK's HTTP client is told to trust it: the one setting a test needs, the SDK's code is untouched.
 */
type Contact = {
  ID: string;
  NAME: string;
  LAST_NAME: string;
  POST: string | null;
  COMPANY_ID: string | null;
};

const clock = { now: () => Date.now() };
const store = new CrmStore(fixtureCrmBase(30), clock);
const changes: CrmChange[] = [];
store.onChange((change) => changes.push(change));
let server: Server;
let b24: B24Hook;

beforeAll(async () => {
  const app = express();
  app.use(bitrixRoutes({ store, clock, webhooks: [{ userId: 1, token: 'sdk-secret' }] }));
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  server = createServer({ key: pems.private, cert: pems.cert }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  b24 = new B24Hook({ b24Url: `https://127.0.0.1:${port}`, userId: 1, secret: 'sdk-secret' });
  b24.getHttpClient(ApiVersion.v2).ajaxClient.defaults.httpsAgent = new Agent({ ca: pems.cert });
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

describe('@bitrix24/b24jssdk against the Bitrix24 flavor', () => {
  it('crm.contact.list: one page with total, the next page through the SDK, and callList over >ID', async () => {
    const page = await b24.actions.v2.call.make<Contact[]>({
      method: 'crm.contact.list',
      params: { filter: { '>ID': 5 }, order: { ID: 'ASC' }, select: ['ID', 'NAME', 'LAST_NAME'] },
    });
    expect(page.isSuccess).toBe(true);
    expect(page.getData()?.result).toHaveLength(50);
    expect(page.getTotal()).toBe(58);
    expect(page.isMore()).toBe(true);
    const next = await page.getNext(b24.getHttpClient(ApiVersion.v2));
    expect(next ? next.getData()?.result : undefined).toHaveLength(8);

    const all = await b24.actions.v2.callList.make<Contact>({
      method: 'crm.contact.list',
      params: { select: ['ID'] },
    });
    expect(all.isSuccess).toBe(true);
    expect(all.getData()).toHaveLength(60);
  });

  it('crm.contact.get: a record, and the portal error for a missing one', async () => {
    const got = await b24.actions.v2.call.make<Contact>({ method: 'crm.contact.get', params: { id: 18 } });
    expect(got.getData()?.result).toMatchObject({
      ID: '18',
      NAME: 'Мария',
      LAST_NAME: 'Сидорова',
      COMPANY_ID: '2',
    });
    // The portal answers "Not found" with an empty code and HTTP 400; the SDK reports the status.
    await expect(
      b24.actions.v2.call.make({ method: 'crm.contact.get', params: { id: 999999 } }),
    ).rejects.toMatchObject({
      status: 400,
    });
  });

  it('crm.contact.add and crm.contact.update write through the store as webhook:1', async () => {
    const added = await b24.actions.v2.call.make<number>({
      method: 'crm.contact.add',
      params: {
        fields: {
          NAME: 'Пётр',
          LAST_NAME: 'Сдкшин',
          COMPANY_ID: 4,
          PHONE: [{ VALUE: '+7 901', VALUE_TYPE: 'WORK' }],
        },
      },
    });
    const id = String(added.getData()?.result);
    expect(store.get('contact', id)).toMatchObject({
      firstName: 'Пётр',
      lastName: 'Сдкшин',
      companyId: '4',
      phone: '+7 901',
    });
    const updated = await b24.actions.v2.call.make<boolean>({
      method: 'crm.contact.update',
      params: { id, fields: { POST: 'Казначей' } },
    });
    expect(updated.getData()?.result).toBe(true);
    expect(store.get('contact', id)?.position).toBe('Казначей');
    expect(changes.filter((change) => change.id === id).map((change) => change.origin.client)).toEqual([
      'webhook:1',
      'webhook:1',
    ]);
  });

  it('batch: named commands with a $result reference, and halt on the first error', async () => {
    const batch = await b24.actions.v2.batch.make<unknown>({
      calls: {
        add: { method: 'crm.contact.add', params: { fields: { LAST_NAME: 'Пакетный', COMPANY_ID: 5 } } },
        read: { method: 'crm.contact.get', params: { id: '$result[add]' } },
        page: { method: 'crm.contact.list', params: { filter: { COMPANY_ID: 5 }, select: ['ID'] } },
      },
      options: { isHaltOnError: true, returnAjaxResult: true },
    });
    expect(batch.isSuccess).toBe(true);
    const results = batch.getData() as Record<string, { getData(): { result: unknown }; getTotal(): number }>;
    expect(results.read?.getData().result).toMatchObject({ LAST_NAME: 'Пакетный', COMPANY_ID: '5' });
    expect(results.page?.getTotal()).toBe(3);

    // halt: the failing first command stops the batch, so the add after it never runs.
    const contactsBefore = [...store.all('contact')].length;
    const halted = await b24.actions.v2.batch.make({
      calls: [
        ['crm.item.get', { entityTypeId: 1036, id: 999999 }],
        ['crm.contact.add', { fields: { LAST_NAME: 'Лишний', COMPANY_ID: 5 } }],
      ],
      options: { isHaltOnError: true },
    });
    expect(halted.isSuccess).toBe(false);
    expect(halted.getErrorMessages().join(' ')).toMatch(/Элемент не найден/);
    expect([...store.all('contact')]).toHaveLength(contactsBefore);
  });
});
