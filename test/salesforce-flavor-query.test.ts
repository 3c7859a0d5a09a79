/** The Salesforce flavor over HTTP: SOQL query, paging through nextRecordsUrl, COUNT(), errors. */
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

describe('Salesforce flavor: SOQL query', () => {
  it('pages results with nextRecordsUrl until done', async () => {
    const soql = encodeURIComponent(
      "SELECT Id, Name, Account.Name FROM Contact WHERE Account.Segment__c = 'Small' ORDER BY LastName, Id",
    );
    const first = await org.sf(`${API}/query?q=${soql}`);
    expect(first.body).toMatchObject({
      totalSize: 8,
      done: false,
      nextRecordsUrl: expect.stringMatching(new RegExp(`^${API}/query/01g[0-9A-Za-z]{15}-2$`)),
    });
    expect(first.body.records[0]).toEqual({
      attributes: { type: 'Contact', url: `${API}/sobjects/Contact/${salesforceId('003', 1)}` },
      Id: salesforceId('003', 1),
      Name: 'Иван Сергеевич Петров',
      Account: {
        attributes: { type: 'Account', url: `${API}/sobjects/Account/${salesforceId('001', 1)}` },
        Name: 'ООО Ромашка 1',
      },
    });
    const records = [...first.body.records];
    let last = first;
    while (!last.body.done) {
      last = await org.sf(last.body.nextRecordsUrl);
      expect(last.status).toBe(200);
      records.push(...last.body.records);
    }
    expect(last.body).toMatchObject({ totalSize: 8, done: true });
    expect(records.map((r) => r.Name.split(' ').at(-1))).toEqual([
      ...Array(4).fill('Петров'),
      ...Array(4).fill('Сидорова'),
    ]);
    // Segment 'Small' is companies 1, 2, 4 and 5: company 3 is large.
    expect(records.map((r) => r.Account.Name)).not.toContain('ООО Ромашка 3');
    expect(last.body).not.toHaveProperty('nextRecordsUrl');
  });

  it('counts with COUNT(), serves queryAll, and refuses bad SOQL and stale locators', async () => {
    expect((await org.sf(`${API}/query/?q=${encodeURIComponent('SELECT COUNT() FROM Task')}`)).body).toEqual({
      totalSize: 5,
      done: true,
      records: [],
    });
    const all = await org.sf(
      `${API}/queryAll?q=${encodeURIComponent('SELECT Id FROM Authority__c LIMIT 3')}`,
    );
    expect(all.body).toMatchObject({
      totalSize: 3,
      done: false,
      nextRecordsUrl: expect.stringContaining(`${API}/queryAll/`),
    });
    const malformed = await org.sf(`${API}/query?q=${encodeURIComponent('SELECT Id FRM Account')}`);
    expect(malformed).toMatchObject({ status: 400, body: [{ errorCode: 'MALFORMED_QUERY' }] });
    expect(malformed.body[0].message).toContain("ERROR at Row:1:Column:11\nunexpected token: 'FRM'");
    expect(
      (await org.sf(`${API}/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`)).body[0].errorCode,
    ).toBe('INVALID_TYPE');
    expect((await org.sf(`${API}/query`)).body[0].errorCode).toBe('MALFORMED_QUERY');
    expect((await org.sf(`${API}/query/01gXXXXXXXXXXXXXXX-2000`)).body).toEqual([
      { message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' },
    ]);
  });
});
