import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SourceUnavailableError } from '../http/get-json.ts';
import { UnfetchableIdError } from '../resilience/unfetchable-id-error.ts';
import { createSalesforceClient, type SalesforceClient, type SalesforceRow } from './salesforce-client.ts';
import { createSalesforceCrmFetcher } from './salesforce-crm-fetcher.ts';

// Ids of the form a real org issues (not the simulated org's numbered ones), with their 18-character forms.
const ACCOUNT_15 = '001A0000006Vm9r';
const ACCOUNT_18 = '001A0000006Vm9rIAC';
const CONTACT_18 = '003D000000QOnGeIAL';

const accountRow = (id: string): SalesforceRow => ({
  attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${id}` },
  Id: id,
  Name: 'ООО «Ромашка»',
  INN__c: '7707083893',
  KPP__c: null,
  OGRN__c: null,
  Segment__c: 'Small',
  Phone: null,
  Email__c: null,
  Legal_Address__c: null,
  Credit_Limit__c: null,
  Bank_Client_Id__c: 'client-1',
  CreatedDate: '2020-03-02T09:00:00.000+0000',
  LastModifiedDate: '2026-11-21T12:00:00.000+0000',
});

/** A client that answers from a map of rows and records every id it was asked for. */
function stubClient(rows: Record<string, SalesforceRow>): SalesforceClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    login: async () => ({ accessToken: 't', instanceUrl: 'http://unused' }),
    async sobject(_object, id) {
      asked.push(id);
      return rows[id] ?? null;
    },
    query: async () => ({ totalSize: 0, done: true, records: [] }),
    queryMore: async () => ({ totalSize: 0, done: true, records: [] }),
  };
}

describe('the Salesforce CrmFetcher with ids of a real org', () => {
  it('asks the org for the record by its canonical id, whichever form the neutral id has', async () => {
    const client = stubClient({ [ACCOUNT_18]: accountRow(ACCOUNT_18) });
    const fetcher = createSalesforceCrmFetcher(client);
    for (const id of [ACCOUNT_18, ACCOUNT_15, ACCOUNT_18.toLowerCase()])
      expect(await fetcher.fetch('company', id)).toMatchObject({ id: ACCOUNT_18, inn: '7707083893' });
    expect(client.asked).toEqual([ACCOUNT_18, ACCOUNT_18, ACCOUNT_18]);
  });

  it('answers null only when the org says the record is not there', async () => {
    const client = stubClient({});
    expect(await createSalesforceCrmFetcher(client).fetch('contact', CONTACT_18)).toBeNull();
    expect(client.asked).toEqual([CONTACT_18]);
  });

  it('fails without asking when the id is not a Salesforce id of the object nor a record number', async () => {
    const client = stubClient({});
    const fetcher = createSalesforceCrmFetcher(client);
    for (const id of ['not-a-crm-id', '001A0000006Vm9rZAC', '042', CONTACT_18])
      await expect(fetcher.fetch('company', id)).rejects.toBeInstanceOf(UnfetchableIdError);
    expect(client.asked).toEqual([]);
  });
});

describe('the Salesforce client reading one record', () => {
  /** An org that answers every GET with `status` and `body`. */
  async function orgAnswering(status: number, body: unknown) {
    const server = createServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const instanceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createSalesforceClient(
      { loginUrl: instanceUrl, clientId: 'c', clientSecret: 's', username: 'u', password: 'p' },
      { session: { accessToken: 't', instanceUrl } },
    );
    return {
      client,
      [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it('reads 404 NOT_FOUND and ENTITY_IS_DELETED as gone', async () => {
    for (const errorCode of ['NOT_FOUND', 'ENTITY_IS_DELETED']) {
      await using org = await orgAnswering(404, [
        { errorCode, message: 'The requested resource does not exist' },
      ]);
      expect(await org.client.sobject('Account', ACCOUNT_18)).toBeNull();
    }
  });

  it('fails on a 404 that does not say the record is gone, so nothing is deleted on its word', async () => {
    await using org = await orgAnswering(404, { message: 'no route' });
    await expect(org.client.sobject('Account', ACCOUNT_18)).rejects.toBeInstanceOf(SourceUnavailableError);
  });
});
