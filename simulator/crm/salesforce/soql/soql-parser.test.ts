import { describe, expect, it } from 'vitest';
import { isSalesforceApiError, type SalesforceApiError } from '../salesforce-api-error.ts';
import { parseSoql } from './soql-parser.ts';
import { tokenizeSoql } from './soql-tokenizer.ts';

function failure(run: () => unknown): SalesforceApiError {
  try {
    run();
  } catch (error) {
    if (isSalesforceApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the SOQL to be refused');
}

describe('SOQL tokenizer', () => {
  it('reads dotted paths, string escapes, dates, datetimes, numbers and symbols', () => {
    const tokens = tokenizeSoql(
      "SELECT Account.Name FROM Contact WHERE LastName = 'O\\'Brien' AND CreatedDate >= 2024-01-02T03:04:05Z AND ActivityDate < 2024-05-01 AND x <> -1.5",
    );
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'SELECT'],
      ['word', 'Account.Name'],
      ['word', 'FROM'],
      ['word', 'Contact'],
      ['word', 'WHERE'],
      ['word', 'LastName'],
      ['symbol', '='],
      ['string', "O'Brien"],
      ['word', 'AND'],
      ['word', 'CreatedDate'],
      ['symbol', '>='],
      ['datetime', '2024-01-02T03:04:05Z'],
      ['word', 'AND'],
      ['word', 'ActivityDate'],
      ['symbol', '<'],
      ['date', '2024-05-01'],
      ['word', 'AND'],
      ['word', 'x'],
      ['symbol', '<>'],
      ['number', '-1.5'],
      ['end', ''],
    ]);
  });

  it('refuses an unterminated string with the position of its opening quote', () => {
    const error = failure(() => tokenizeSoql("SELECT Id FROM Account WHERE Name = 'oops"));
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain('ERROR at Row:1:Column:37');
  });
});

describe('SOQL parser', () => {
  it('parses fields, a nested WHERE with NOT, IN and LIKE, ORDER BY with NULLS, LIMIT and OFFSET', () => {
    const query = parseSoql(
      "select Id, Name, Account.Name from Contact where (LastName like 'Pe%' or NOT Email = null) and AccountId not in ('001', '002') order by LastName desc nulls last, Id limit 10 offset 5",
    );
    expect(query.select).toEqual([
      { path: 'Id', position: 7 },
      { path: 'Name', position: 11 },
      { path: 'Account.Name', position: 17 },
    ]);
    expect(query.from.name).toBe('Contact');
    expect(query.where).toMatchObject({
      kind: 'and',
      operands: [
        {
          kind: 'or',
          operands: [
            { kind: 'like', field: { path: 'LastName' }, pattern: { kind: 'string', value: 'Pe%' } },
            { kind: 'not', operand: { kind: 'compare', operator: '=', value: { kind: 'null' } } },
          ],
        },
        { kind: 'in', negated: true, values: [{ value: '001' }, { value: '002' }] },
      ],
    });
    expect(query.orderBy).toMatchObject([
      { field: { path: 'LastName' }, descending: true, nullsFirst: false },
      { field: { path: 'Id' }, descending: false, nullsFirst: true },
    ]);
    expect([query.limit, query.offset]).toEqual([10, 5]);
  });

  it('parses SELECT COUNT() and literals of every kind', () => {
    const query = parseSoql(
      'SELECT COUNT() FROM Account WHERE Credit_Limit__c > 100 AND IsDeleted = FALSE AND CreatedDate < 2024-01-01T00:00:00.000+0300',
    );
    expect(query.select).toBe('count');
    expect(query.where).toMatchObject({
      operands: [
        { value: { kind: 'number', value: 100 } },
        { value: { kind: 'boolean', value: false } },
        { value: { kind: 'datetime', value: Date.parse('2023-12-31T21:00:00Z') } },
      ],
    });
  });

  it('refuses AND and OR mixed without parentheses, as Salesforce does', () => {
    const error = failure(() =>
      parseSoql("SELECT Id FROM Account WHERE Name = 'a' AND Phone = 'b' OR Phone = 'c'"),
    );
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain("unexpected token: 'OR'");
  });

  it('points at the unexpected token with row and column', () => {
    const error = failure(() => parseSoql('SELECT Id,\nName FRM Account'));
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      "\nName FRM Account\n     ^\nERROR at Row:2:Column:6\nunexpected token: 'FRM'",
    );
    expect(failure(() => parseSoql('SELECT FROM Account')).message).toContain("unexpected token: 'FROM'");
    expect(failure(() => parseSoql('SELECT Id FROM Account LIMIT')).message).toContain(
      "unexpected token: '<EOF>'",
    );
  });

  it('refuses an OFFSET over 2000 as NUMBER_OUTSIDE_VALID_RANGE', () => {
    expect(failure(() => parseSoql('SELECT Id FROM Account OFFSET 2001')).errorCode).toBe(
      'NUMBER_OUTSIDE_VALID_RANGE',
    );
  });
});
