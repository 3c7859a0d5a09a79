import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './unstorable-text.ts';

describe('findUnstorableText', () => {
  it('names the first string PostgreSQL cannot store: NUL or a lone surrogate, in a value or a key', () => {
    expect(findUnstorableText({ record: { name: 'A\u0000B' } })).toBe('record.name');
    expect(findUnstorableText({ record: { custom: { tags: ['ok', '\ud800'] } } })).toBe(
      'record.custom.tags[1]',
    );
    expect(findUnstorableText({ record: { 'a\u0000': 1 } })).toBe('record key "a\\u0000"');
    expect(findUnstorableText('\u0000')).toBe('(body)');
  });

  it('passes everything else, surrogate pairs and other control characters included', () => {
    expect(findUnstorableText({ name: 'Ромашка 😀\t\u0001', n: 1, ok: true, none: null, list: [] })).toBe(
      undefined,
    );
  });
});
