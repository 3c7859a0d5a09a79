import { canonicalJson } from '../../infra/canonical-json.ts';
import type { MdmStore } from '../../simulator/mdm/mdm-store.ts';
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
    let lost = 0;
    let diverged = 0;
    for (const id of touched) {
      const truth = store.get(id);
      const row = cached.get(id);
      if (!truth) continue;
      if (!row || row.version < truth.version) lost += 1;
      else if (
        row.version > truth.version ||
        canonicalJson([row.inn, row.kpp, row.ogrn, row.legal_address, row.bank_requisites]) !==
          canonicalJson([truth.inn, truth.kpp, truth.ogrn, truth.legalAddress, truth.bankRequisites])
      )
        diverged += 1;
    }
    return { lost, duplicated: 0, diverged, checked: touched.size };
  });
}
