import { type BitrixFieldKind, type BitrixRow, compareRows, compileFilter } from './bitrix-filter.ts';
import type { BitrixMethodResult, BitrixParams } from './bitrix-method.ts';
import { objectParam, paramOf } from './bitrix-method.ts';

/** Every list method answers at most this many rows per call; the page size cannot be changed. */
export const PAGE_SIZE = 50;

export interface ListShape {
  readonly kindOf: (field: string) => BitrixFieldKind | undefined;
  /** Fields `*` selects (no multi-fields, no user fields). */
  readonly starFields: readonly string[];
  /** Whether a field is a user field (`UF_CRM_*`, `ufCrm*`), which `UF_*` selects. */
  readonly isUserField: (field: string) => boolean;
  /** The id field, always returned and the tie-breaker of every order. */
  readonly idField: string;
  /** What an empty `select` means: `['*', 'UF_*']` for the old methods, `['*']` for crm.item. */
  readonly defaultSelect: readonly string[];
}

function selectedFields(params: BitrixParams, shape: ListShape): (row: BitrixRow) => BitrixRow {
  const raw = paramOf(params, 'select');
  const select = Array.isArray(raw) && raw.length > 0 ? raw.map(String) : [...shape.defaultSelect];
  const star = select.includes('*');
  const userFields = select.includes('UF_*') || (star && shape.defaultSelect.length === 1);
  const named = new Set(select.filter((field) => field !== '*' && field !== 'UF_*'));
  named.add(shape.idField);
  const starred = new Set(shape.starFields);
  return (row) => {
    const picked: BitrixRow = {};
    for (const [field, value] of Object.entries(row)) {
      const wanted =
        named.has(field) || (star && starred.has(field)) || (userFields && shape.isUserField(field));
      if (wanted) picked[field] = value;
    }
    return picked;
  };
}

/**
 * One page of a list method: filter, order, select, then `start` (0, 50, 100, ...). The answer
 * carries `total` and, while rows remain, `next`. `start=-1` skips the count, as the portal does for
 * fast exports: `total` is 0 and there is no `next`, so clients page by `>ID` instead.
 */
export function listPage(
  rows: Iterable<BitrixRow>,
  params: BitrixParams,
  shape: ListShape,
): BitrixMethodResult {
  const matches = compileFilter(objectParam(params, 'filter'), shape.kindOf);
  const filtered = [...rows].filter(matches);
  filtered.sort(compareRows(objectParam(params, 'order'), shape.kindOf, shape.idField));
  const rawStart = Number(paramOf(params, 'start') ?? 0);
  const counted = rawStart !== -1;
  const start = counted && Number.isInteger(rawStart) && rawStart > 0 ? rawStart : 0;
  const page = filtered.slice(start, start + PAGE_SIZE).map(selectedFields(params, shape));
  if (!counted) return { result: page, total: 0 };
  const next = start + PAGE_SIZE < filtered.length ? start + PAGE_SIZE : undefined;
  return next === undefined
    ? { result: page, total: filtered.length }
    : { result: page, total: filtered.length, next };
}
