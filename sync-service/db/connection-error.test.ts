import { describe, expect, it } from 'vitest';
import { isConnectionError } from './connection-error.ts';

const withCode = (code: string) => Object.assign(new Error('failed'), { code });

describe('isConnectionError', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08001'])('counts %s', (code) => {
    expect(isConnectionError(withCode(code))).toBe(true);
  });

  it("counts the pool's connect timeout and a connection terminated under a query", () => {
    expect(isConnectionError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('follows causes and the attempts of an AggregateError', () => {
    expect(isConnectionError(new Error('outer', { cause: withCode('ECONNREFUSED') }))).toBe(true);
    expect(isConnectionError(new AggregateError([withCode('ECONNREFUSED')], 'connect'))).toBe(true);
  });

  it('does not count what the statement did wrong', () => {
    for (const code of ['23505', '22P02', '42P01', '40001'])
      expect(isConnectionError(withCode(code))).toBe(false);
    expect(isConnectionError(new Error('boom'))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});
