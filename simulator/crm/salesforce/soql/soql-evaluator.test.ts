import { describe, expect, it } from 'vitest';
import { CrmStore } from '../../crm-store.ts';
import { fixtureCrmBase } from '../../fixture-crm-base.ts';
import { isSalesforceApiError } from '../salesforce-api-error.ts';
import { salesforceId } from '../salesforce-id.ts';
import { prepareSoql } from './soql-binder.ts';
import { type SoqlSource, selectRecords, shapeRow } from './soql-evaluator.ts';

const api = { channel: 'api', client: 'test' } as const;
const BASE = '/services/data/v60.0';

function fixture() {
  const store = new CrmStore(fixtureCrmBase(5), { now: () => Date.UTC(2026, 0, 1) });
  const source: SoqlSource = {
    all: (spec) => store.all(spec.entity),
    get: (spec, id) => store.get(spec.entity, id),
  };
  const run = (soql: string) => {
    const query = prepareSoql(soql);
    return selectRecords(query, source).map((record) => shapeRow(query, record, source, BASE));
  };
  return { store, run };
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isSalesforceApiError(error)) return error.errorCode;
    throw error;
  }
  return 'none';
}

describe('SOQL evaluation', () => {
  it('filters case-insensitively, orders with nulls first by default, and pages with LIMIT/OFFSET', () => {
    const { store, run } = fixture();
    store.update('company', '2', { phone: null }, api);
    const rows = run(
      "SELECT Name, Phone FROM account WHERE name LIKE 'ооо ромашка%' ORDER BY Phone DESC LIMIT 3 OFFSET 0",
    );
    expect(rows.map((row) => row.Phone)).toEqual([null, '+7 495 000-00-05', '+7 495 000-00-04']);
    expect(rows[0]?.attributes).toEqual({
      type: 'Account',
      url: `${BASE}/sobjects/Account/${salesforceId('001', 2)}`,
    });
    expect(run('SELECT Id FROM Account ORDER BY Phone DESC NULLS LAST LIMIT 1 OFFSET 4')).toEqual([
      { attributes: expect.any(Object), Id: salesforceId('001', 2) },
    ]);
  });

  it('nests parent fields under the relationship name and filters through it', () => {
    const { run } = fixture();
    const rows = run(
      "SELECT LastName, Account.Name, Account.Segment__c FROM Contact WHERE Account.Bank_Client_Id__c = 'bank-3'",
    );
    expect(rows).toEqual([
      {
        attributes: expect.objectContaining({ type: 'Contact' }),
        LastName: 'Петров',
        Account: {
          attributes: { type: 'Account', url: `${BASE}/sobjects/Account/${salesforceId('001', 3)}` },
          Name: 'ООО Ромашка 3',
          Segment__c: 'Large',
        },
      },
      expect.objectContaining({ LastName: 'Сидорова' }),
    ]);
    expect(
      run(
        "SELECT Name, Account__r.Name, Contact__r.LastName FROM Authority__c WHERE Kind__c = 'Sign Payments' LIMIT 1",
      ),
    ).toEqual([
      expect.objectContaining({
        Name: 'AUTH-000004',
        Account__r: expect.objectContaining({ Name: 'ООО Ромашка 1' }),
        Contact__r: expect.objectContaining({ LastName: 'Петров' }),
      }),
    ]);
  });

  it('matches ids in 15- and 18-character form, IN / NOT IN, != including empty values, dates and numbers', () => {
    const { store, run } = fixture();
    store.update('company', '1', { kpp: null }, api);
    const id18 = salesforceId('001', 4);
    expect(
      run(`SELECT Id FROM Account WHERE Id IN ('${id18.slice(0, 15)}', '${id18.toLowerCase()}')`),
    ).toHaveLength(1);
    expect(run("SELECT Id FROM Account WHERE KPP__c != '773601001'")).toHaveLength(1);
    expect(run("SELECT Id FROM Account WHERE Segment__c NOT IN ('Large')")).toHaveLength(4);
    expect(
      run('SELECT Id FROM Account WHERE Credit_Limit__c >= 300000 AND Credit_Limit__c < 500000'),
    ).toHaveLength(2);
    expect(
      run('SELECT Id FROM Task WHERE ActivityDate = 2026-12-01 AND CreatedDate < 2021-01-01T00:00:00Z'),
    ).toHaveLength(5);
    expect(
      run("SELECT Id FROM Account WHERE NOT (Segment__c = 'Small' OR Segment__c = 'Large')"),
    ).toHaveLength(0);
  });

  it('refuses unknown objects, fields and relationships, and literals of the wrong type', () => {
    expect(codeOf(() => prepareSoql('SELECT Id FROM Opportunity'))).toBe('INVALID_TYPE');
    expect(codeOf(() => prepareSoql('SELECT Nme FROM Account'))).toBe('INVALID_FIELD');
    expect(codeOf(() => prepareSoql('SELECT Owner.Name FROM Account'))).toBe('INVALID_FIELD');
    expect(codeOf(() => prepareSoql("SELECT Id FROM Task WHERE ActivityDate = '2026-12-01'"))).toBe(
      'INVALID_FIELD',
    );
    expect(codeOf(() => prepareSoql('SELECT Id FROM Account WHERE Name = 5'))).toBe('INVALID_FIELD');
    expect(codeOf(() => prepareSoql("SELECT Id FROM Contact WHERE AccountId = 'nope'"))).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
    expect(codeOf(() => prepareSoql("SELECT Id FROM Task WHERE Description = 'x'"))).toBe('INVALID_FIELD');
  });
});
