import type { CrmEntity } from '../../contracts/crm/crm-records.ts';
import { canonicalJson } from '../../infra/canonical-json.ts';
import type { CrmStore } from '../../simulator/crm/crm-store.ts';
import type { SourceComparison } from './source-comparison.ts';
import { withDatabase } from './with-database.ts';

export interface CrmTouched {
  readonly records: ReadonlySet<string>;
  /** INNs of the client cards created during the run: each must be one card in the cache. */
  readonly newClientInns: ReadonlySet<string>;
}

/** Compares the CRM's records a run touched (`entity:id`) with `crm_records`. */
export async function compareCrmCache(
  store: CrmStore,
  touched: CrmTouched,
  databaseUrl: string,
): Promise<SourceComparison> {
  return withDatabase(databaseUrl, async (client) => {
    const rows = await client.query<{
      entity: string;
      id: string;
      version: number;
      deleted: boolean;
      state: unknown;
    }>('SELECT entity, id, version, deleted, state FROM crm_records');
    const cached = new Map(rows.rows.map((r) => [`${r.entity}:${r.id}`, r]));
    let lost = 0;
    let diverged = 0;
    for (const key of touched.records) {
      const [entity, id] = key.split(':') as [CrmEntity, string];
      const truth = store.get(entity, id);
      const row = cached.get(key);
      if (!truth) {
        if (row && !row.deleted) lost += 1;
      } else if (!row || row.deleted || row.version < truth.version) lost += 1;
      else if (row.version > truth.version || canonicalJson(row.state) !== canonicalJson(truth))
        diverged += 1;
    }
    const cardsPerInn = await client.query<{ inn: string; cards: number }>(
      `SELECT state->>'inn' AS inn, count(*)::int AS cards FROM crm_records
       WHERE entity = 'company' AND NOT deleted AND state->>'inn' = ANY($1) GROUP BY 1`,
      [[...touched.newClientInns]],
    );
    const duplicated = cardsPerInn.rows.reduce((sum, r) => sum + r.cards - 1, 0);
    return { lost, duplicated, diverged, checked: touched.records.size };
  });
}
