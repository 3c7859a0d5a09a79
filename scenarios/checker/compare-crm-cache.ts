import type { CrmEntity, CrmRecord } from '../../contracts/crm/crm-records.ts';
import { canonicalJson } from '../../infra/canonical-json.ts';
import type { CrmStore } from '../../simulator/crm/crm-store.ts';
import { firstOffenders, type Offender } from './offender.ts';
import { differingFields, pick } from './record-difference.ts';
import type { SourceComparison } from './source-comparison.ts';
import { withDatabase } from './with-database.ts';

export interface CrmTouched {
  readonly records: ReadonlySet<string>;
  /** INNs of the client cards created during the run: each must be one card in the cache. */
  readonly newClientInns: ReadonlySet<string>;
}

interface CrmRow {
  readonly entity: string;
  readonly id: string;
  readonly company_id: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly state: Record<string, unknown> | null;
}

/** Compares the CRM's records a run touched (`entity:id`) with `crm_records`. */
export async function compareCrmCache(
  store: CrmStore,
  touched: CrmTouched,
  databaseUrl: string,
): Promise<SourceComparison> {
  return withDatabase(databaseUrl, async (client) => {
    const rows = await client.query<CrmRow>(
      'SELECT entity, id, company_id, version, deleted, state FROM crm_records',
    );
    const cached = new Map(rows.rows.map((r) => [`${r.entity}:${r.id}`, r]));
    const offenders: Offender[] = [];
    let lost = 0;
    let diverged = 0;
    for (const key of touched.records) {
      const [entity, id] = key.split(':') as [CrmEntity, string];
      const truth = store.get(entity, id);
      const row = cached.get(key);
      const explain = (verdict: Offender['verdict'], fields: readonly string[] = []) =>
        offenders.push(crmOffender(verdict, key, truth, row, fields));
      if (!truth) {
        if (row && !row.deleted) {
          lost += 1;
          explain('lost');
        }
      } else if (!row || row.deleted || row.version < truth.version) {
        lost += 1;
        explain('lost');
      } else if (row.version > truth.version || canonicalJson(row.state) !== canonicalJson(truth)) {
        diverged += 1;
        explain('diverged', differingFields(truth, row.state ?? {}));
      }
    }
    const cardsPerInn = await client.query<{ inn: string; ids: string[] }>(
      `SELECT state->>'inn' AS inn, array_agg(id ORDER BY id) AS ids FROM crm_records
       WHERE entity = 'company' AND NOT deleted AND state->>'inn' = ANY($1) GROUP BY 1`,
      [[...touched.newClientInns]],
    );
    const duplicates = cardsPerInn.rows.filter((r) => r.ids.length > 1);
    for (const { inn, ids } of duplicates) {
      // Scanned only for an INN the cache holds twice: a rare failure, not every comparison.
      const inCrm = [...store.all('company')].filter((c) => c.inn === inn).map((c) => c.id);
      offenders.push({
        verdict: 'duplicated',
        system: 'crm',
        entity: `crm company inn ${inn}`,
        keys: [...new Set([...inCrm, ...ids])],
        source: { inn, cards: inCrm },
        cache: { inn, cards: ids },
      });
    }
    return {
      lost,
      duplicated: duplicates.reduce((sum, r) => sum + r.ids.length - 1, 0),
      diverged,
      checked: touched.records.size,
      offenders: firstOffenders(offenders),
    };
  });
}

/** A record's versions on both sides, and for a divergence the fields that differ. */
function crmOffender(
  verdict: Offender['verdict'],
  key: string,
  truth: CrmRecord | undefined,
  row: CrmRow | undefined,
  fields: readonly string[],
): Offender {
  const id = key.slice(key.indexOf(':') + 1);
  const companyId = (truth && 'companyId' in truth ? truth.companyId : row?.company_id) ?? id;
  return {
    verdict,
    system: 'crm',
    entity: `crm ${key}`,
    // The MQ feed keys a record by its company, webhooks by the record's own id.
    keys: [...new Set([companyId, id])],
    source: truth ? { version: truth.version, ...pick(truth, fields) } : null,
    cache: row
      ? { version: row.version, deleted: row.deleted, ...(row.state ? pick(row.state, fields) : {}) }
      : null,
  };
}
