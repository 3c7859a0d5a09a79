import { describe, expect, it } from 'vitest';
import { type BitrixFieldKind, compareRows, compileFilter, parseFilterKey } from './bitrix-filter.ts';

const kinds: Record<string, BitrixFieldKind> = {
  ID: 'number',
  TITLE: 'text',
  DATE_MODIFY: 'date',
  PHONE: 'multi',
};
const kindOf = (field: string) => kinds[field];

const rows = [
  { ID: '1', TITLE: 'ООО Ромашка', DATE_MODIFY: '2026-01-10T10:00:00+03:00', PHONE: [{ VALUE: '+7 1' }] },
  { ID: '2', TITLE: 'АО Василёк', DATE_MODIFY: '2026-02-10T10:00:00+03:00' },
  { ID: '10', TITLE: 'ООО Лютик', DATE_MODIFY: '2026-03-10T10:00:00+03:00', PHONE: [{ VALUE: '+7 10' }] },
];

function ids(filter: Record<string, unknown>): string[] {
  return rows.filter(compileFilter(filter, kindOf)).map((row) => row.ID);
}

describe('compileFilter', () => {
  it('splits the operator off the key, longest prefix first', () => {
    expect(parseFilterKey('>=DATE_MODIFY')).toEqual({ field: 'DATE_MODIFY', operator: '>=' });
    expect(parseFilterKey('!@ID')).toEqual({ field: 'ID', operator: '!@' });
    expect(parseFilterKey('TITLE')).toEqual({ field: 'TITLE', operator: '=' });
  });

  it('compares ids as numbers, not text', () => {
    expect(ids({ '>ID': '2' })).toEqual(['10']);
    expect(ids({ '<=ID': 2 })).toEqual(['1', '2']);
  });

  it('compares dates written in any zone or in the portal format', () => {
    expect(ids({ '>=DATE_MODIFY': '2026-02-10T07:00:00Z' })).toEqual(['2', '10']);
    expect(ids({ '<DATE_MODIFY': '01.02.2026' })).toEqual(['1']);
  });

  it('supports LIKE, negation, IN and exact multi-field match', () => {
    expect(ids({ '%TITLE': 'ооо' })).toEqual(['1', '10']);
    expect(ids({ '=%TITLE': 'АО%' })).toEqual(['2']);
    expect(ids({ '!ID': '1' })).toEqual(['2', '10']);
    expect(ids({ '@ID': ['1', '10'] })).toEqual(['1', '10']);
    expect(ids({ ID: ['2'] })).toEqual(['2']);
    expect(ids({ PHONE: '+7 10' })).toEqual(['10']);
  });

  it('ignores conditions on fields the entity does not have, as the portal does', () => {
    expect(ids({ NO_SUCH_FIELD: 'x', '>ID': 1 })).toEqual(['2', '10']);
  });
});

describe('compareRows', () => {
  it('orders by the given fields, then by ID', () => {
    const sorted = [...rows].sort(compareRows({ TITLE: 'DESC' }, kindOf));
    expect(sorted.map((row) => row.ID)).toEqual(['1', '10', '2']);
  });
});
