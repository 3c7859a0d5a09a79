import { describe, expect, it } from 'vitest';
import { isInputError } from './input-error.ts';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('isInputError', () => {
  it('blames the values for data exceptions, limits, NOT NULL and CHECK violations, and stack overflows', () => {
    for (const code of ['22003', '22P02', '22P05', '22008', '54000', '23502', '23514'])
      expect(isInputError(pgError(code)), code).toBe(true);
    expect(isInputError(new RangeError('Maximum call stack size exceeded'))).toBe(true);
  });

  it('leaves everything a retry may fix to the retry: connections, deadlocks, shutdowns, uncoded errors', () => {
    for (const code of ['08006', '40001', '40P01', '57P01', '53300', '23505', 'ECONNREFUSED'])
      expect(isInputError(pgError(code)), code).toBe(false);
    expect(isInputError(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isInputError(undefined)).toBe(false);
  });
});
