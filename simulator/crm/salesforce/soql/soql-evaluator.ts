import type { CrmRecord } from '../../../../contracts/crm/crm-records.ts';
import type { SObjectSpec } from '../sobject-catalog.ts';
import type { SfField, SfValue } from '../sobject-field.ts';
import { attributesOf, type SfRecord } from '../sobject-record.ts';
import type { SoqlLiteral } from './soql-ast.ts';
import type { BoundCondition, BoundPath, BoundQuery } from './soql-binder.ts';

/** Where a query reads records from: every record of an object, and one parent by its neutral id. */
export interface SoqlSource {
  all(spec: SObjectSpec): Iterable<CrmRecord>;
  get(spec: SObjectSpec, neutralId: string): CrmRecord | undefined;
}

type Comparable = string | number | boolean | null;

/** The records a query selects, filtered, sorted (stable on the store's order), then offset and limited. */
export function selectRecords(query: BoundQuery, source: SoqlSource): CrmRecord[] {
  const matched: CrmRecord[] = [];
  for (const record of source.all(query.spec)) {
    if (query.where === null || matches(query.where, record, source)) matched.push(record);
  }
  if (query.orderBy.length > 0) {
    const keyed = matched.map((record) => ({
      record,
      keys: query.orderBy.map((order) => sortKey(order.path.field, valueAt(order.path, record, source))),
    }));
    keyed.sort((a, b) => {
      for (const [index, order] of query.orderBy.entries()) {
        const x = a.keys[index] ?? null;
        const y = b.keys[index] ?? null;
        if (x === y) continue;
        if (x === null || y === null) return (x === null) === order.nullsFirst ? -1 : 1;
        return (x < y ? -1 : 1) * (order.descending ? -1 : 1);
      }
      return 0;
    });
    matched.splice(0, matched.length, ...keyed.map((entry) => entry.record));
  }
  const start = query.offset ?? 0;
  return matched.slice(start, query.limit === null ? undefined : start + query.limit);
}

/** One result row: `attributes`, then the selected fields, parents nested under their relationship name. */
export function shapeRow(
  query: BoundQuery,
  record: CrmRecord,
  source: SoqlSource,
  apiBase: string,
): SfRecord {
  const row: SfRecord = { attributes: attributesOf(apiBase, query.spec, record) };
  if (query.select === 'count') return row;
  for (const path of query.select) {
    let target: SfRecord = row;
    let current: CrmRecord | undefined = record;
    for (const hop of path.hops) {
      const name = hop.via.relationshipName as string;
      current = current && parentOf(hop.via, hop.to, current, source);
      if (!current) {
        target[name] = null;
        break;
      }
      const parent = (target[name] as SfRecord | undefined) ?? {
        attributes: attributesOf(apiBase, hop.to, current),
      };
      target[name] = parent;
      target = parent;
    }
    if (current) target[path.field.name] = path.field.read(current);
  }
  return row;
}

export function valueAt(path: BoundPath, record: CrmRecord, source: SoqlSource): SfValue {
  let current: CrmRecord | undefined = record;
  for (const hop of path.hops) current = current && parentOf(hop.via, hop.to, current, source);
  return current ? path.field.read(current) : null;
}

function parentOf(
  via: SfField,
  to: SObjectSpec,
  record: CrmRecord,
  source: SoqlSource,
): CrmRecord | undefined {
  const neutralId = via.toNeutral(via.read(record));
  return typeof neutralId === 'string' ? source.get(to, neutralId) : undefined;
}

function matches(condition: BoundCondition, record: CrmRecord, source: SoqlSource): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.operands.every((operand) => matches(operand, record, source));
    case 'or':
      return condition.operands.some((operand) => matches(operand, record, source));
    case 'not':
      return !matches(condition.operand, record, source);
    case 'like': {
      const value = valueAt(condition.path, record, source);
      return value !== null && condition.pattern.test(String(value));
    }
    case 'in': {
      const value = comparable(condition.path.field, valueAt(condition.path, record, source));
      const found = condition.values.some((literal) => value !== null && value === literalValue(literal));
      return condition.negated ? !found : found;
    }
    case 'compare': {
      const value = comparable(condition.path.field, valueAt(condition.path, record, source));
      const literal = literalValue(condition.value);
      // As in Salesforce, `!=` also selects records whose field is empty.
      if (value === null || literal === null)
        return condition.operator === '='
          ? value === literal
          : condition.operator === '!=' && value !== literal;
      switch (condition.operator) {
        case '=':
          return value === literal;
        case '!=':
          return value !== literal;
        case '<':
          return value < literal;
        case '>':
          return value > literal;
        case '<=':
          return value <= literal;
        default:
          return value >= literal;
      }
    }
  }
}

/** Picklists sort in the order their values are defined, as in Salesforce; the rest by value. */
function sortKey(field: SfField, value: SfValue): Comparable {
  if (field.type !== 'picklist' || value === null) return comparable(field, value);
  return field.picklist.findIndex((entry) => entry.value === value);
}

/** Text compares case-insensitively in SOQL (ids too: 18-character ids are unique regardless of case). */
function comparable(field: SfField, value: SfValue): Comparable {
  if (value === null) return null;
  if (field.type === 'datetime') return Date.parse(String(value).replace(/\+0000$/, 'Z'));
  if (typeof value === 'string' && field.type !== 'date') return value.toUpperCase();
  return value;
}

function literalValue(literal: SoqlLiteral): Comparable {
  switch (literal.kind) {
    case 'null':
      return null;
    case 'string':
      return literal.value.toUpperCase();
    default:
      return literal.value;
  }
}
