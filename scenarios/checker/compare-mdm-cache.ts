import { canonicalJson } from '../../infra/canonical-json.ts';
import type { MdmStore } from '../../simulator/mdm/mdm-store.ts';
import { firstOffenders, type Offender } from './offender.ts';
import { differingFields, pick } from './record-difference.ts';
import type { SourceComparison } from './source-comparison.ts';
import { withDatabase } from './with-database.ts';

/** Compares the MDM's legal details of the clients a run changed with `legal_details`. */
export async function compareMdmCache(
  store: MdmStore,
  touched: ReadonlySet<string>,
  databaseUrl: string,
): Promise<SourceComparison> {
  return withDatabase(databaseUrl, async (client) => {
    const rows = await client.query<{
      client_id: string;
      inn: string;
      kpp: string | null;
      ogrn: string;
      legal_address: string;
      bank_requisites: unknown;
      version: number;
    }>(
      'SELECT client_id, inn, kpp, ogrn, legal_address, bank_requisites, version FROM legal_details WHERE client_id = ANY($1)',
      [[...touched]],
    );
    const cached = new Map(rows.rows.map((r) => [r.client_id, r]));
    const offenders: Offender[] = [];
    let lost = 0;
    let diverged = 0;
    for (const id of touched) {
      const truth = store.get(id);
      const row = cached.get(id);
      if (!truth) continue;
      const source = {
        inn: truth.inn,
        kpp: truth.kpp,
        ogrn: truth.ogrn,
        legalAddress: truth.legalAddress,
        bankRequisites: truth.bankRequisites,
      };
      const cache = row && {
        inn: row.inn,
        kpp: row.kpp,
        ogrn: row.ogrn,
        legalAddress: row.legal_address,
        bankRequisites: row.bank_requisites,
      };
      const explain = (verdict: Offender['verdict'], fields: readonly string[]) =>
        offenders.push({
          verdict,
          system: 'mdm',
          entity: `mdm client ${id}`,
          keys: [id],
          source: { version: truth.version, ...pick(source, fields) },
          cache: row && cache ? { version: row.version, ...pick(cache, fields) } : null,
        });
      if (!row || row.version < truth.version) {
        lost += 1;
        explain('lost', []);
      } else if (row.version > truth.version || canonicalJson(cache) !== canonicalJson(source)) {
        diverged += 1;
        explain('diverged', differingFields(source, cache ?? {}));
      }
    }
    return { lost, duplicated: 0, diverged, checked: touched.size, offenders: firstOffenders(offenders) };
  });
}
