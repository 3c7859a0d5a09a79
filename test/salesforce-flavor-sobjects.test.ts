/** The Salesforce flavor over HTTP: sObject rows by id and by external id, errors, describe. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { salesforceId } from '../simulator/crm/salesforce/index.ts';
import {
  TEST_ORG_API as API,
  type SalesforceTestOrg,
  startSalesforceTestOrg,
} from '../simulator/crm/salesforce/salesforce-test-org.ts';

let org: SalesforceTestOrg;

beforeEach(async () => {
  org = await startSalesforceTestOrg();
  await org.login();
});

afterEach(() => org.stop());

describe('Salesforce flavor: sObject rows', () => {
  it('creates, reads (all or ?fields=), updates and deletes a record, writing with the API origin', async () => {
    const created = await org.sf(`${API}/sobjects/Account`, {
      method: 'POST',
      json: { Name: 'ООО Лютик', INN__c: '7707083893', Phone: '+7 495 111-11-11', Segment__c: 'Medium' },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { id: expect.stringMatching(/^001/), success: true, errors: [] },
    });
    const id = created.body.id as string;
    const read = await org.sf(`${API}/sobjects/Account/${id}`);
    expect(read.body).toMatchObject({
      attributes: { type: 'Account', url: `${API}/sobjects/Account/${id}` },
      Id: id,
      Name: 'ООО Лютик',
      Segment__c: 'Medium',
      KPP__c: null,
      Bank_Client_Id__c: null,
    });
    expect((await org.sf(`${API}/sobjects/account/${id.slice(0, 15)}?fields=Name,phone`)).body).toEqual({
      attributes: { type: 'Account', url: `${API}/sobjects/Account/${id}` },
      Name: 'ООО Лютик',
      Phone: '+7 495 111-11-11',
    });
    const patched = await org.sf(`${API}/sobjects/Account/${id}`, {
      method: 'PATCH',
      json: { Phone: null },
    });
    expect(patched).toMatchObject({ status: 204, body: undefined });
    expect((await org.sf(`${API}/sobjects/Account/${id}?fields=Phone`)).body.Phone).toBeNull();
    expect((await org.sf(`${API}/sobjects/Account/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await org.sf(`${API}/sobjects/Account/${id}`)).toMatchObject({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
    });
    const origin = { channel: 'api', client: 'integration@bank.example' };
    expect(org.changes.map((change) => [change.operation, change.origin])).toEqual([
      ['create', origin],
      ['update', origin],
      ['delete', origin],
    ]);
  });

  it('takes the changeOrigin client from Sforce-Call-Options when the caller names itself', async () => {
    await org.sf(`${API}/sobjects/Contact/${salesforceId('003', 1)}`, {
      method: 'PATCH',
      headers: { 'sforce-call-options': 'client=corebridge-sync, defaultNamespace=x' },
      json: { Title: 'CEO' },
    });
    expect(org.changes[0]?.origin).toEqual({ channel: 'api', client: 'corebridge-sync' });
  });

  it('upserts by external id: 201 created, then 200 updated, and reads by external id', async () => {
    const path = `${API}/sobjects/Account/Bank_Client_Id__c/bank-77`;
    const created = await org.sf(path, {
      method: 'PATCH',
      json: { Name: 'ООО Ирис', INN__c: '500100732259' },
    });
    expect(created).toMatchObject({ status: 201, body: { success: true, errors: [], created: true } });
    const updated = await org.sf(path, { method: 'PATCH', json: { Phone: '+7 1' } });
    expect(updated).toEqual({
      status: 200,
      headers: expect.anything(),
      body: { id: created.body.id, success: true, errors: [], created: false },
    });
    expect((await org.sf(path)).body).toMatchObject({
      Id: created.body.id,
      Name: 'ООО Ирис',
      Phone: '+7 1',
    });
    expect(
      (
        await org.sf(`${API}/sobjects/Account/Bank_Client_Id__c/bank-2`, {
          method: 'PATCH',
          json: { Phone: '+7 2' },
        })
      ).body,
    ).toMatchObject({
      id: salesforceId('001', 2),
      created: false,
    });
    expect(await org.sf(`${API}/sobjects/Account/Name/x`, { method: 'PATCH', json: {} })).toMatchObject({
      status: 404,
      body: [
        {
          errorCode: 'NOT_FOUND',
          message: 'Provided external ID field does not exist or is not accessible: Name',
        },
      ],
    });
    const duplicate = await org.sf(`${API}/sobjects/Account`, {
      method: 'POST',
      json: { Name: 'Копия', INN__c: '7707083893', Bank_Client_Id__c: 'bank-77' },
    });
    expect(duplicate).toMatchObject({
      status: 400,
      body: [{ errorCode: 'DUPLICATE_VALUE', fields: ['Bank_Client_Id__c'] }],
    });
  });

  it('answers malformed and mismatched ids, unknown objects and bad bodies with Salesforce errors', async () => {
    expect(await org.sf(`${API}/sobjects/Account/xyz`)).toMatchObject({
      status: 404,
      body: [
        {
          errorCode: 'NOT_FOUND',
          message: 'Provided external ID field does not exist or is not accessible: xyz',
        },
      ],
    });
    expect(await org.sf(`${API}/sobjects/Account/${salesforceId('003', 1)}`)).toMatchObject({
      status: 400,
      body: [{ errorCode: 'MALFORMED_ID' }],
    });
    expect((await org.sf(`${API}/sobjects/Opportunity/describe`)).status).toBe(404);
    const cases: Array<[unknown, string, string[] | undefined]> = [
      [{ FirstName: 'Ann' }, 'REQUIRED_FIELD_MISSING', ['LastName', 'AccountId']],
      [{ LastName: 'X', AccountId: salesforceId('001', 1), Twitter: '@x' }, 'INVALID_FIELD', undefined],
      [
        { LastName: 'X', AccountId: salesforceId('001', 1), CreatedDate: '2020-01-01' },
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        ['CreatedDate'],
      ],
      [{ LastName: 'X', AccountId: 'bad' }, 'MALFORMED_ID', ['AccountId']],
    ];
    for (const [json, errorCode, fields] of cases) {
      const { status, body } = await org.sf(`${API}/sobjects/Contact`, { method: 'POST', json });
      expect([status, body[0].errorCode, body[0].fields]).toEqual([400, errorCode, fields]);
    }
    const invalidInn = await org.sf(`${API}/sobjects/Account/${salesforceId('001', 1)}`, {
      method: 'PATCH',
      json: { INN__c: '12' },
    });
    expect(invalidInn).toMatchObject({
      status: 400,
      body: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['INN__c'] }],
    });
    const badJson = await org.sf(`${API}/sobjects/Contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"LastName": ',
    });
    expect(badJson).toMatchObject({ status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR' }] });
    expect(org.changes).toEqual([]);
  });

  it('describes objects and the org', async () => {
    const global = await org.sf(`${API}/sobjects/`);
    expect(
      global.body.sobjects.map((s: { name: string; keyPrefix: string }) => [s.name, s.keyPrefix]),
    ).toEqual([
      ['Account', '001'],
      ['Contact', '003'],
      ['Task', '00T'],
      ['Authority__c', 'a0X'],
    ]);
    const task = (await org.sf(`${API}/sobjects/Task/describe`)).body;
    expect(task).toMatchObject({
      name: 'Task',
      keyPrefix: '00T',
      urls: { rowTemplate: `${API}/sobjects/Task/{ID}` },
    });
    const status = task.fields.find((f: { name: string }) => f.name === 'Status');
    expect(status).toMatchObject({ type: 'picklist', createable: true, updateable: true, nillable: false });
    expect(status.picklistValues.map((p: { value: string }) => p.value)).toEqual([
      'Not Started',
      'In Progress',
      'Completed',
    ]);
    const account = (await org.sf(`${API}/sobjects/Account/describe`)).body;
    expect(account.fields.find((f: { name: string }) => f.name === 'Bank_Client_Id__c')).toMatchObject({
      externalId: true,
      unique: true,
      idLookup: true,
      custom: true,
      length: 64,
    });
    expect(account.childRelationships).toContainEqual(
      expect.objectContaining({ childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts' }),
    );
  });
});
