import { SalesforceApiError } from '../salesforce-api-error.ts';

/**
 * A SOQL error as Salesforce words it: the offending line, a caret under the position, the row and
 * column, then what is wrong. Clients log this text as is, so it has to point at the mistake.
 */
export function soqlError(
  errorCode: string,
  soql: string,
  position: number,
  problem: string,
): SalesforceApiError {
  const before = soql.slice(0, position).split('\n');
  const row = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const line = soql.split('\n')[row - 1] ?? '';
  return new SalesforceApiError(
    400,
    errorCode,
    `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${problem}`,
  );
}

export function malformedQuery(soql: string, position: number, problem: string): SalesforceApiError {
  return soqlError('MALFORMED_QUERY', soql, position, problem);
}
