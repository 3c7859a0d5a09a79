import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforceId } from '../simulator/crm/salesforce/index.ts';
import {
  type SalesforceTestOrg,
  startSalesforceTestOrg,
  TEST_ORG_PASSWORD_GRANT,
} from '../simulator/crm/salesforce/salesforce-test-org.ts';

/**
 * The simulator must work for client code written against Salesforce's docs, unchanged. jsforce
 * (the JavaScript client Salesforce's own CLI is built on) talks to it here exactly as it talks to
 * a real org: OAuth login, sObject CRUD and upsert, describe, SOQL with automatic paging, and a
 * new login by itself when its session is revoked.
 */

const { client_id: clientId, client_secret: clientSecret, username, password } = TEST_ORG_PASSWORD_GRANT;

let org: SalesforceTestOrg;

beforeAll(async () => {
  // Small pages, so a query over a dozen accounts takes several round trips.
  org = await startSalesforceTestOrg({ companies: 12, dailyApiRequests: 15_000, queryBatchSize: 5 });
});

afterAll(() => org.stop());

async function connect(): Promise<Connection> {
  const conn = new Connection({ oauth2: { loginUrl: org.url, clientId, clientSecret }, version: '60.0' });
  await conn.login(username, password);
  return conn;
}

describe('jsforce against the Salesforce flavor', () => {
  it('logs in by the OAuth 2.0 username-password flow and by client credentials', async () => {
    const conn = new Connection({
      oauth2: { loginUrl: org.url, clientId, clientSecret },
      version: '60.0',
    });
    const user = await conn.login(username, password);
    expect(conn.instanceUrl).toBe(org.url);
    expect(user.organizationId).toMatch(/^00D/);
    expect(user.id).toMatch(/^005/);
    await expect(conn.login(username, 'wrong')).rejects.toMatchObject({ name: 'invalid_grant' });

    const app = new Connection({ oauth2: { loginUrl: org.url, clientId, clientSecret }, version: '60.0' });
    await app.authorize({ grant_type: 'client_credentials' });
    expect((await app.query('SELECT COUNT() FROM Account')).totalSize).toBe(12);
  });

  it('retrieves, creates, updates, upserts and destroys records', async () => {
    const conn = await connect();
    const accounts = conn.sobject('Account');
    const first = await accounts.retrieve(salesforceId('001', 1));
    expect(first).toMatchObject({
      Id: salesforceId('001', 1),
      Name: 'ООО Ромашка 1',
      Bank_Client_Id__c: 'bank-1',
    });
    expect(await accounts.retrieve(salesforceId('001', 2), { fields: ['Name'] })).toEqual({
      attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${salesforceId('001', 2)}` },
      Name: 'ООО Ромашка 2',
    });

    const created = await conn.sobject('Contact').create({
      FirstName: 'Анна',
      LastName: 'Смирнова',
      AccountId: first.Id,
      Email: 'anna@example.ru',
    });
    expect(created).toMatchObject({
      success: true,
      errors: [],
      id: expect.stringMatching(/^003[0-9A-Za-z]{15}$/),
    });
    expect(await conn.sobject('Contact').update({ Id: created.id as string, Title: 'CFO' })).toEqual({
      id: created.id,
      success: true,
      errors: [],
    });
    expect((await conn.sobject('Contact').retrieve(created.id as string)).Title).toBe('CFO');

    const inserted = await accounts.upsert(
      { Bank_Client_Id__c: 'bank-500', Name: 'ООО Ирис', INN__c: '500100732259' },
      'Bank_Client_Id__c',
    );
    expect(inserted).toMatchObject({ success: true, created: true });
    const updated = await accounts.upsert(
      { Bank_Client_Id__c: 'bank-500', Phone: '+7 495 222-22-22' },
      'Bank_Client_Id__c',
    );
    expect(updated).toMatchObject({ id: (inserted as { id: string }).id, success: true, created: false });

    expect(await conn.sobject('Contact').destroy(created.id as string)).toEqual({
      id: created.id,
      success: true,
      errors: [],
    });
    await expect(conn.sobject('Contact').retrieve(created.id as string)).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
    expect(
      org.changes.filter((c) => c.origin.client === username).map((c) => `${c.entity}:${c.operation}`),
    ).toEqual(['contact:create', 'contact:update', 'company:create', 'company:update', 'contact:delete']);
  });

  it('fetches every page of a query with autoFetch, and builds SOQL with find()', async () => {
    const conn = await connect();
    await conn.query('SELECT COUNT() FROM Account');
    const usedBefore = conn.limitInfo.apiUsage?.used ?? 0;
    const result = await conn
      .query('SELECT Id, Name, Segment__c FROM Account ORDER BY Name DESC')
      .run({ autoFetch: true });
    expect(result.totalSize).toBeGreaterThanOrEqual(12);
    expect(result.records).toHaveLength(result.totalSize);
    expect(new Set(result.records.map((r) => r.Id)).size).toBe(result.totalSize);
    // Every page was one API call: jsforce followed nextRecordsUrl until done.
    expect((conn.limitInfo.apiUsage?.used ?? 0) - usedBefore).toBe(Math.ceil(result.totalSize / 5));

    const firstPage = await conn.query('SELECT Id FROM Account');
    expect(firstPage).toMatchObject({ done: false, totalSize: result.totalSize });
    expect(firstPage.records).toHaveLength(5);
    const more = await conn.queryMore(firstPage.nextRecordsUrl as string);
    expect(more.records).toHaveLength(5);

    const found = await conn
      .sobject('Contact')
      .find({ LastName: 'Петров', 'Account.Segment__c': 'Large' }, ['Id', 'Name', 'Account.Name'])
      .sort('Id')
      .limit(3);
    expect(found.map((r) => (r.Account as { Name: string }).Name)).toEqual([
      'ООО Ромашка 3',
      'ООО Ромашка 6',
      'ООО Ромашка 9',
    ]);
    await expect(conn.query('SELECT Id FRM Account')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(conn.limitInfo.apiUsage?.limit).toBe(15_000);
  });

  it('describes objects and the org', async () => {
    const conn = await connect();
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(['Account', 'Contact', 'Task', 'Authority__c']);
    const task = await conn.sobject('Task').describe();
    const status = task.fields.find((f) => f.name === 'Status');
    expect(status?.picklistValues?.map((p) => p.value)).toEqual(['Not Started', 'In Progress', 'Completed']);
    expect(task.fields.find((f) => f.name === 'WhatId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
    });
  });

  it('surfaces Salesforce errors as jsforce errors with their codes', async () => {
    const conn = await connect();
    await expect(conn.sobject('Contact').create({ FirstName: 'Без фамилии' })).rejects.toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
      data: { fields: ['LastName', 'AccountId'] },
    });
    await expect(
      conn.sobject('Account').update({ Id: salesforceId('001', 1), INN__c: '1' }),
    ).rejects.toMatchObject({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    });
  });

  it('logs in again by itself when its session is revoked', async () => {
    const conn = await connect();
    const before = conn.accessToken;
    org.sessions.revokeAll();
    const account = await conn.sobject('Account').retrieve(salesforceId('001', 3));
    expect(account.Name).toBe('ООО Ромашка 3');
    expect(conn.accessToken).not.toBe(before);
  });
});
