import { describe, expect, it } from 'vitest';
import { batchMethod, type CallMethod } from './batch.ts';
import { resolveReferences } from './batch-references.ts';
import { BitrixError, bitrixErrors } from './bitrix-error.ts';

const clock = { now: () => Date.UTC(2026, 0, 1) };
const context = { userId: '1', origin: { channel: 'api', client: 'webhook:1' }, inBatch: false } as const;

/** A tiny portal: `echo` answers its params, `list` a page with total/next, `fail` an error. */
const calls: Array<[string, unknown]> = [];
const call: CallMethod = (name, params) => {
  calls.push([name, params]);
  if (name === 'echo') return { result: params };
  if (name === 'list') return { result: [{ ID: '7' }, { ID: '8' }], total: 60, next: 50 };
  if (name === 'fail') throw bitrixErrors.notFound();
  throw bitrixErrors.methodNotFound();
};
const batch = batchMethod(call, clock, 180);

describe('batch references', () => {
  const results = new Map<string, unknown>([
    ['add', 42],
    ['list', [{ ID: '7', EMAIL: [{ VALUE: 'a@b.ru' }] }]],
  ]);

  it('takes a whole reference as the value itself and splices partial ones as text', () => {
    expect(resolveReferences({ id: '$result[add]' }, results)).toEqual({ id: 42 });
    expect(resolveReferences({ q: 'id-$result[list][0][ID]!' }, results)).toEqual({ q: 'id-7!' });
    expect(resolveReferences({ mail: '$result[list][0][EMAIL][0][VALUE]' }, results)).toEqual({
      mail: 'a@b.ru',
    });
  });

  it('turns a reference to a missing command or field into an empty value', () => {
    expect(resolveReferences({ a: '$result[nope]', b: 'x$result[add][ID]' }, results)).toEqual({
      a: '',
      b: 'x',
    });
  });
});

describe('batchMethod', () => {
  it('runs commands in order, feeding results forward, and reports totals, next and errors by key', () => {
    const answer = batch(
      {
        cmd: {
          l: 'list?start=0',
          e: 'echo?ID=$result[l][1][ID]&filter[>ID]=$result[l][0][ID]',
          f: 'fail?id=1',
        },
      },
      context,
    ).result as Record<string, unknown>;
    expect(answer.result).toEqual({ l: [{ ID: '7' }, { ID: '8' }], e: { ID: '8', filter: { '>ID': '7' } } });
    expect(answer.result_error).toEqual({ f: { error: '', error_description: 'Not found' } });
    expect(answer.result_total).toEqual({ l: 60 });
    expect(answer.result_next).toEqual({ l: 50 });
    expect(Object.keys(answer.result_time as object)).toEqual(['l', 'e']);
  });

  it('stops at the first error with halt=1 and runs everything without it', () => {
    const halted = batch({ halt: '1', cmd: ['fail', 'echo?a=1'] }, context).result as Record<string, unknown>;
    expect(halted.result).toEqual([]);
    expect(halted.result_error).toEqual([{ error: '', error_description: 'Not found' }]);
    const all = batch({ halt: 0, cmd: ['fail', 'echo?a=1'] }, context).result as Record<string, unknown>;
    expect(all.result).toEqual({ 1: { a: '1' } });
  });

  it('answers empty sections as [] and list commands as lists, as PHP serialises them', () => {
    const answer = batch({ cmd: ['echo?a=1', 'echo?a=2'] }, context).result as Record<string, unknown>;
    expect(answer.result).toEqual([{ a: '1' }, { a: '2' }]);
    expect(answer.result_error).toEqual([]);
    expect(answer.result_total).toEqual([]);
  });

  it('fails commands past the 50th and refuses a nested batch', () => {
    const cmd = Array.from({ length: 52 }, () => 'echo');
    const answer = batch({ cmd: [...cmd, 'batch?cmd[x]=echo'] }, context).result as Record<string, unknown>;
    const errors = answer.result_error as Record<string, { error: string }>;
    expect(Object.keys(errors)).toEqual(['50', '51', '52']);
    expect(errors['50']?.error).toBe('ERROR_BATCH_LENGTH_EXCEEDED');
    expect(() => batch({ cmd: ['echo'] }, { ...context, inBatch: true })).toThrow(BitrixError);
    const nested = batch({ cmd: { inner: 'batch?cmd[x]=echo' } }, context).result as Record<string, unknown>;
    expect(nested.result_error).toEqual({
      inner: {
        error: 'ERROR_BATCH_METHOD_NOT_ALLOWED',
        error_description: 'Method is not allowed for batch usage',
      },
    });
  });
});
