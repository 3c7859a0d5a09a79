import { z } from 'zod';
import type { CrmEntity, CrmFieldsByEntity, CrmRecord } from '../../contracts/crm/crm-records.ts';
import { UNKNOWN_CRM_VERSION } from './unknown-crm-version.ts';

/**
 * One entity of the bank's Bitrix24 portal, read back into the neutral vocabulary: which methods
 * serve it, which field holds its modification time, and how a row becomes a neutral record.
 */
export interface BitrixEntityMapping<E extends CrmEntity> {
  readonly entity: E;
  /** `crm.company.get`, `crm.item.get`... */
  readonly getMethod: string;
  readonly listMethod: string;
  /** Parameters every call of this entity carries, e.g. the smart process's entityTypeId. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The id field, the tie-breaker a list is ordered by so its pages do not shift. */
  readonly idField: string;
  /** The field a list filters changes by (`filter[>=DATE_MODIFY]`). */
  readonly modifiedField: string;
  /** What a list selects: the portal leaves multi-fields and user fields out of `*`. */
  readonly select?: readonly string[];
  /** Narrows a list to rows that are this entity, e.g. to-do activities among calls and e-mails. */
  readonly filter?: Readonly<Record<string, unknown>>;
  /** The row in a `get` result, and the rows in a `list` result. */
  rowOf(result: unknown): unknown;
  rowsOf(result: unknown): unknown[];
  /** Throws a ZodError when the row is not what the contract says. */
  toNeutral(row: unknown): CrmRecord<E>;
}

export const text = z.string().nullable();

/** Portal datetimes carry the portal's offset and whole seconds: `2026-01-01T12:00:00+03:00`. */
export const datetime = z.string().transform((value, context) => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    context.addIssue({ code: 'custom', message: `not a datetime: ${value}` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

/** A date-only value shows as midnight in the portal's zone, so its calendar date is the text's own. */
export const portalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T/)
  .transform((value) => value.slice(0, 10));

/** PHONE, EMAIL: present only when the record has a value; the neutral record keeps the first. */
export const multiField = z
  .array(z.object({ VALUE: z.string() }).loose())
  .optional()
  .transform((items) => items?.[0]?.VALUE ?? null);

export interface BitrixMeta {
  readonly id: string;
  readonly externalId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The bookkeeping of a company or contact row, which both name the same way. */
export function crmRowMeta(row: {
  readonly ID: string;
  readonly UF_CRM_BANK_ID: string | null;
  readonly DATE_CREATE: string;
  readonly DATE_MODIFY: string;
}): BitrixMeta {
  return {
    id: row.ID,
    externalId: row.UF_CRM_BANK_ID,
    createdAt: row.DATE_CREATE,
    updatedAt: row.DATE_MODIFY,
  };
}

export function neutralRecord<E extends CrmEntity>(
  meta: BitrixMeta,
  fields: CrmFieldsByEntity[E],
): CrmRecord<E> {
  return { ...meta, version: UNKNOWN_CRM_VERSION, ...fields } as CrmRecord<E>;
}

export const listResult = (result: unknown): unknown[] => (Array.isArray(result) ? result : []);
