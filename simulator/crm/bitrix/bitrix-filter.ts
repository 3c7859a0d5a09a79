import { parseBitrixDate } from './bitrix-time.ts';

/** How a field compares: numbers and dates by value, everything else as case-insensitive text. */
export type BitrixFieldKind = 'number' | 'date' | 'text' | 'multi';

export type BitrixRow = Record<string, unknown>;

type Operator = '>=' | '>' | '<=' | '<' | '@' | '!@' | '=%' | '%=' | '%' | '!=' | '!' | '=';

// Longest prefixes first, so `>=ID` is not read as `>` of `=ID`.
const OPERATORS: readonly Operator[] = ['!@', '>=', '<=', '=%', '%=', '!=', '>', '<', '@', '%', '!', '='];

export interface FilterCondition {
  readonly field: string;
  readonly operator: Operator;
  readonly value: unknown;
}

/** Splits `>=DATE_MODIFY` into operator and field, as the list methods' `filter` keys are written. */
export function parseFilterKey(key: string): { field: string; operator: Operator } {
  for (const operator of OPERATORS) {
    if (key.startsWith(operator) && key.length > operator.length) {
      return { field: key.slice(operator.length), operator };
    }
  }
  return { field: key, operator: '=' };
}

function scalarsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [value];
}

/** The values a row holds for a field; a multi-field (`PHONE`, `EMAIL`) holds each of its `VALUE`s. */
function rowValues(row: BitrixRow, field: string, kind: BitrixFieldKind): unknown[] {
  const value = row[field];
  if (kind === 'multi')
    return Array.isArray(value) ? value.map((item) => (item as { VALUE?: unknown }).VALUE) : [];
  return Array.isArray(value) ? value : [value];
}

function comparable(value: unknown, kind: BitrixFieldKind): number | string | null {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'number') {
    const number = Number(value);
    return Number.isNaN(number) ? String(value).toLowerCase() : number;
  }
  if (kind === 'date') return parseBitrixDate(String(value)) ?? String(value).toLowerCase();
  if (typeof value === 'boolean') return value ? 'y' : 'n';
  return String(value).toLowerCase();
}

function likePattern(value: unknown, implicitWildcards: boolean): RegExp {
  const text = String(value ?? '').toLowerCase();
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
  return new RegExp(implicitWildcards ? escaped : `^${escaped}$`, 's');
}

function matchesOne(actual: unknown, condition: FilterCondition, kind: BitrixFieldKind): boolean {
  const { operator, value } = condition;
  if (operator === '%' || operator === '=%' || operator === '%=') {
    if (actual === null || actual === undefined) return false;
    return likePattern(value, operator === '%').test(String(actual).toLowerCase());
  }
  const left = comparable(actual, kind);
  if (operator === '@' || operator === '!@') {
    const inList = scalarsOf(value).some((item) => comparable(item, kind) === left);
    return operator === '@' ? inList : !inList;
  }
  const right = comparable(value, kind);
  if (operator === '=' || operator === '!=' || operator === '!') {
    return (left === right) === (operator === '=');
  }
  if (left === null || right === null || typeof left !== typeof right) return false;
  if (operator === '>') return left > right;
  if (operator === '>=') return left >= right;
  if (operator === '<') return left < right;
  return left <= right;
}

/**
 * Compiles a list method's `filter` into a predicate over Bitrix-shaped rows. Keys carry their
 * operator as a prefix (`>=DATE_MODIFY`, `%TITLE`, `!ID`, `@ID`); conditions are AND-ed. An array
 * value under a plain key means IN, as on the portal. Conditions on unknown fields are ignored.
 */
export function compileFilter(
  filter: Record<string, unknown>,
  kindOf: (field: string) => BitrixFieldKind | undefined,
): (row: BitrixRow) => boolean {
  const conditions = Object.entries(filter).flatMap(([key, value]) => {
    const parsed = parseFilterKey(key);
    const kind = kindOf(parsed.field);
    // The portal's SQL builder drops conditions on fields it does not know, and so does this.
    if (kind === undefined) return [];
    let operator = parsed.operator;
    if (Array.isArray(value) && operator === '=') operator = '@';
    if (Array.isArray(value) && (operator === '!' || operator === '!=')) operator = '!@';
    return [{ condition: { field: parsed.field, operator, value }, kind }];
  });
  return (row) =>
    conditions.every(({ condition, kind }) => {
      const values = rowValues(row, condition.field, kind);
      const negative =
        condition.operator === '!' || condition.operator === '!=' || condition.operator === '!@';
      // A negative condition holds when no value matches the positive one; the rest need one match.
      if (negative) return values.every((actual) => matchesOne(actual, condition, kind));
      return (values.length === 0 ? [null] : values).some((actual) => matchesOne(actual, condition, kind));
    });
}

/** Orders rows by `{ FIELD: 'ASC' | 'DESC' }`, then by ID so pages are stable. */
export function compareRows(
  order: Record<string, unknown>,
  kindOf: (field: string) => BitrixFieldKind | undefined,
  idField = 'ID',
): (a: BitrixRow, b: BitrixRow) => number {
  const keys = [...Object.entries(order), [idField, 'ASC'] as const].map(([field, direction]) => ({
    field,
    sign: String(direction).toUpperCase() === 'DESC' ? -1 : 1,
    kind: kindOf(field) ?? 'text',
  }));
  return (a, b) => {
    for (const { field, sign, kind } of keys) {
      const left = comparable(a[field], kind);
      const right = comparable(b[field], kind);
      if (left === right) continue;
      if (left === null) return -sign;
      if (right === null) return sign;
      return (left < right ? -1 : 1) * sign;
    }
    return 0;
  };
}
