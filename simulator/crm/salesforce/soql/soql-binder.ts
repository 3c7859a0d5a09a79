import { parseSalesforceId } from '../salesforce-id.ts';
import { fieldNamed, type SObjectSpec, sobjectNamed } from '../sobject-catalog.ts';
import { isTextType, type SfField } from '../sobject-field.ts';
import type { SoqlCondition, SoqlFieldPath, SoqlLiteral, SoqlQuery } from './soql-ast.ts';
import { soqlError } from './soql-error.ts';
import { parseSoql } from './soql-parser.ts';

/** A field path resolved against the catalog: the lookups to follow, then the field to read. */
export interface BoundPath {
  readonly hops: readonly { readonly via: SfField; readonly to: SObjectSpec }[];
  readonly field: SfField;
}

export type BoundCondition =
  | { readonly kind: 'and' | 'or'; readonly operands: readonly BoundCondition[] }
  | { readonly kind: 'not'; readonly operand: BoundCondition }
  | {
      readonly kind: 'compare';
      readonly path: BoundPath;
      readonly operator: string;
      readonly value: SoqlLiteral;
    }
  | { readonly kind: 'like'; readonly path: BoundPath; readonly pattern: RegExp }
  | {
      readonly kind: 'in';
      readonly path: BoundPath;
      readonly values: readonly SoqlLiteral[];
      readonly negated: boolean;
    };

export interface BoundQuery {
  readonly spec: SObjectSpec;
  readonly select: 'count' | readonly BoundPath[];
  readonly where: BoundCondition | null;
  readonly orderBy: readonly {
    readonly path: BoundPath;
    readonly descending: boolean;
    readonly nullsFirst: boolean;
  }[];
  readonly limit: number | null;
  readonly offset: number | null;
}

const LONG_TEXT = 255;
const LIKE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** Parses SOQL and checks every object, field, relationship and literal the way Salesforce does. */
export function prepareSoql(soql: string): BoundQuery {
  const query: SoqlQuery = parseSoql(soql);
  const spec = sobjectNamed(query.from.name);
  if (!spec) {
    throw soqlError(
      'INVALID_TYPE',
      soql,
      query.from.position,
      `sObject type '${query.from.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  const bind = (path: SoqlFieldPath) => bindPath(soql, spec, path);
  const seen = new Set<string>();
  const select =
    query.select === 'count'
      ? 'count'
      : query.select.map(bind).filter((path) => {
          const key = [...path.hops.map((hop) => hop.via.name), path.field.name].join('.');
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
  const orderBy = query.orderBy.map((order) => {
    const path = bind(order.field);
    if (path.field.type === 'textarea' && path.field.length > LONG_TEXT) {
      throw soqlError(
        'INVALID_FIELD',
        soql,
        order.field.position,
        `field '${path.field.name}' can not be sorted in a query call`,
      );
    }
    return { path, descending: order.descending, nullsFirst: order.nullsFirst };
  });
  const where = query.where === null ? null : bindCondition(soql, spec, query.where);
  return { spec, select, where, orderBy, limit: query.limit, offset: query.offset };
}

function bindPath(soql: string, root: SObjectSpec, path: SoqlFieldPath): BoundPath {
  const names = path.path.split('.');
  // `Account.Name FROM Account` may qualify a field with its own object's name.
  if (
    names.length > 1 &&
    names[0]?.toLowerCase() === root.name.toLowerCase() &&
    !relationship(root, names[0])
  ) {
    names.shift();
  }
  const hops: { via: SfField; to: SObjectSpec }[] = [];
  let spec = root;
  for (const name of names.slice(0, -1)) {
    const via = relationship(spec, name);
    const to = via && sobjectNamed(via.referenceTo[0] ?? '');
    if (!via || !to) {
      throw soqlError(
        'INVALID_FIELD',
        soql,
        path.position,
        `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    hops.push({ via, to });
    spec = to;
  }
  const last = names.at(-1) ?? '';
  const field = fieldNamed(spec, last);
  if (!field) {
    throw soqlError(
      'INVALID_FIELD',
      soql,
      path.position,
      `No such column '${last}' on entity '${spec.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return { hops, field };
}

function relationship(spec: SObjectSpec, name: string): SfField | undefined {
  const wanted = name.toLowerCase();
  return spec.fields.find((field) => field.relationshipName?.toLowerCase() === wanted);
}

function bindCondition(soql: string, spec: SObjectSpec, condition: SoqlCondition): BoundCondition {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return { kind: condition.kind, operands: condition.operands.map((c) => bindCondition(soql, spec, c)) };
    case 'not':
      return { kind: 'not', operand: bindCondition(soql, spec, condition.operand) };
    case 'like': {
      const path = filterable(soql, spec, condition.field);
      if (!isTextType(path.field.type) || condition.pattern.kind !== 'string') {
        throw soqlError(
          'INVALID_FIELD',
          soql,
          condition.field.position,
          `invalid operator on field: ${path.field.name}`,
        );
      }
      return { kind: 'like', path, pattern: likePattern(condition.pattern.raw) };
    }
    case 'in': {
      const path = filterable(soql, spec, condition.field);
      const values = condition.values.map((value) => checkLiteral(soql, path.field, value));
      return { kind: 'in', path, values, negated: condition.negated };
    }
    case 'compare': {
      const path = filterable(soql, spec, condition.field);
      return {
        kind: 'compare',
        path,
        operator: condition.operator,
        value: checkLiteral(soql, path.field, condition.value),
      };
    }
  }
}

function filterable(soql: string, spec: SObjectSpec, path: SoqlFieldPath): BoundPath {
  const bound = bindPath(soql, spec, path);
  if (bound.field.type === 'textarea' && bound.field.length > LONG_TEXT) {
    throw soqlError(
      'INVALID_FIELD',
      soql,
      path.position,
      `field '${bound.field.name}' can not be filtered in query call`,
    );
  }
  return bound;
}

/** Refuses a literal of the wrong type; turns id literals into 18-character ids so both forms match. */
function checkLiteral(soql: string, field: SfField, literal: SoqlLiteral): SoqlLiteral {
  if (literal.kind === 'null') return literal;
  const wanted =
    field.type === 'date' || field.type === 'datetime' || field.type === 'boolean'
      ? field.type
      : field.type === 'currency'
        ? 'number'
        : 'string';
  if (literal.kind !== wanted) {
    const quotes = wanted === 'string' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    const type = wanted === 'datetime' ? 'dateTime' : wanted;
    throw soqlError(
      'INVALID_FIELD',
      soql,
      literal.position,
      `value of filter criterion for field '${field.name}' must be of type ${type} and ${quotes}`,
    );
  }
  if (literal.kind === 'string' && (field.type === 'id' || field.type === 'reference')) {
    const parsed = parseSalesforceId(literal.value);
    if (parsed.kind === 'malformed') {
      throw soqlError(
        'INVALID_QUERY_FILTER_OPERATOR',
        soql,
        literal.position,
        `invalid ID field: ${literal.value}`,
      );
    }
    return { ...literal, value: parsed.id18 };
  }
  return literal;
}

/** LIKE: `%` any run, `_` one character, `\%` and `\_` themselves; case-insensitive, whole value. */
function likePattern(raw: string): RegExp {
  let source = '';
  for (let at = 0; at < raw.length; at++) {
    const char = raw.charAt(at);
    if (char === '\\') {
      const next = raw.charAt(++at);
      source += (LIKE_ESCAPES[next] ?? next).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}
