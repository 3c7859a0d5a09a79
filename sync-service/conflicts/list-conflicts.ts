import type pg from 'pg';

export interface ConflictRow {
  readonly id: string;
  readonly entity: string;
  readonly recordId: string;
  readonly field: string;
  readonly bankValue: unknown;
  readonly crmValue: unknown;
  readonly bankChangedAt: string | null;
  readonly crmChangedAt: string;
  readonly decision: string;
  readonly kept: 'bank' | 'crm';
  readonly detectedAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: string | null;
}

const LIST = `
  SELECT id::text, entity, record_id AS "recordId", field, bank_value AS "bankValue", crm_value AS "crmValue",
    bank_changed_at AS "bankChangedAt", crm_changed_at AS "crmChangedAt", decision, kept,
    detected_at AS "detectedAt", resolved_at AS "resolvedAt", resolution
  FROM conflicts WHERE NOT $1 OR resolved_at IS NULL ORDER BY id LIMIT 1000`;

/** Conflicts, oldest first (at most 1 000), only unresolved ones if asked. */
export async function listConflicts(pool: pg.Pool, options: { openOnly: boolean }): Promise<ConflictRow[]> {
  return (await pool.query<ConflictRow>(LIST, [options.openOnly])).rows;
}
