import { canonicalJson } from '../../infra/canonical-json.ts';
import type { Holdings } from './offender.ts';

/**
 * Fields whose values differ between the source's record and the cache's, in name order: equal
 * as the comparisons see it is the same canonical JSON, a missing field the same as null.
 */
export function differingFields(source: object, cache: object): string[] {
  const names = new Set([...Object.keys(source), ...Object.keys(cache)]);
  return [...names]
    .filter((name) => canonicalJson(fieldOf(source, name)) !== canonicalJson(fieldOf(cache, name)))
    .sort();
}

/** `{field: value}` of just `fields`: the part of a record that explains a divergence, not all of it. */
export function pick(record: object, fields: readonly string[]): Holdings {
  return Object.fromEntries(fields.map((field) => [field, fieldOf(record, field)]));
}

const fieldOf = (record: object, field: string): unknown =>
  (record as Record<string, unknown>)[field] ?? null;
