import { describe, expect, it } from 'vitest';
import { encodePhpForm, parsePhpQuery } from './php-query.ts';

describe('parsePhpQuery', () => {
  it('nests bracketed keys and keeps operators in filter keys', () => {
    expect(parsePhpQuery('filter%5B%3EID%5D=5&filter[%25TITLE]=Ромашка&order[ID]=DESC')).toEqual({
      filter: { '>ID': '5', '%TITLE': 'Ромашка' },
      order: { ID: 'DESC' },
    });
  });

  it('reads `[]` and 0..n-1 keys as lists, like PHP arrays serialised to JSON', () => {
    expect(parsePhpQuery('select[]=ID&select[]=NAME&fields[PHONE][0][VALUE]=%2B7+495')).toEqual({
      select: ['ID', 'NAME'],
      fields: { PHONE: [{ VALUE: '+7 495' }] },
    });
  });

  it('keeps the last value of a repeated plain key and skips nameless pairs', () => {
    expect(parsePhpQuery('id=1&id=2&=x&&[a]=b')).toEqual({ id: '2' });
  });
});

describe('encodePhpForm', () => {
  it('writes nested values as http_build_query does, and reads back the same', () => {
    const body = encodePhpForm({
      event: 'ONCRMCONTACTUPDATE',
      data: { FIELDS: { ID: '42' } },
      ts: 1766047124,
    });
    expect(body).toBe('event=ONCRMCONTACTUPDATE&data%5BFIELDS%5D%5BID%5D=42&ts=1766047124');
    expect(parsePhpQuery(body)).toEqual({
      event: 'ONCRMCONTACTUPDATE',
      data: { FIELDS: { ID: '42' } },
      ts: '1766047124',
    });
  });
});
