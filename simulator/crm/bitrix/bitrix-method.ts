import type { CrmChangeOrigin } from '../../../contracts/crm/crm-records.ts';
import { bitrixErrors } from './bitrix-error.ts';

/** A method's parameters after query string, JSON or form body were read (PHP-style nesting). */
export type BitrixParams = Readonly<Record<string, unknown>>;

export interface BitrixCallContext {
  /** The webhook's user id from the URL. */
  readonly userId: string;
  /** What the store records as the origin of writes made by this call. */
  readonly origin: CrmChangeOrigin;
  /** True inside `batch`, where a nested `batch` is refused. */
  readonly inBatch: boolean;
}

/** What a method answers; the router wraps it in the `{ result, total, next, time }` envelope. */
export interface BitrixMethodResult {
  readonly result: unknown;
  readonly total?: number;
  readonly next?: number;
}

export type BitrixMethod = (params: BitrixParams, context: BitrixCallContext) => BitrixMethodResult;

/** Methods by lower-case name: Bitrix24 method names are case-insensitive. */
export type BitrixMethods = Map<string, BitrixMethod>;

/**
 * Reads a parameter by name in any case: the old `crm.*` methods upper-case their parameter keys,
 * so `filter`, `FILTER` and `Filter` are one parameter and the docs use all of them.
 */
export function paramOf(params: BitrixParams, name: string): unknown {
  if (name in params) return params[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(params)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

export function objectParam(params: BitrixParams, name: string): Record<string, unknown> {
  const value = paramOf(params, name);
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw bitrixErrors.invalid(`Parameter '${name.toLowerCase()}' must be array`);
  }
  return value as Record<string, unknown>;
}

/** A record id: a positive integer, given as a number or a decimal string. */
export function idParam(params: BitrixParams, name = 'id'): string {
  const value = paramOf(params, name);
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d+$/.test(text) || Number(text) <= 0) throw bitrixErrors.invalidId();
  return String(Number(text));
}
