import type { MdmLegalDetails } from '../../contracts/mdm/mdm-schemas.ts';
import type { EntityWriter } from '../sequencer/entity-writer.ts';

const UPSERT_LEGAL_DETAILS = `
  INSERT INTO legal_details (client_id, inn, kpp, ogrn, legal_address, bank_requisites, version, as_of)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::int[], $8::timestamptz[])
  ON CONFLICT (client_id) DO UPDATE SET
    inn = EXCLUDED.inn, kpp = EXCLUDED.kpp, ogrn = EXCLUDED.ogrn, legal_address = EXCLUDED.legal_address,
    bank_requisites = EXCLUDED.bank_requisites, version = EXCLUDED.version, as_of = EXCLUDED.as_of
  WHERE EXCLUDED.version > legal_details.version`;

/** Writes the MDM's legal details into `legal_details`, newest MDM version wins. */
export const legalDetailsWriter: EntityWriter<MdmLegalDetails> = {
  async write(client, changes) {
    const newest = new Map<string, MdmLegalDetails>();
    for (const { state } of changes) {
      if (state && (newest.get(state.clientId)?.version ?? 0) < state.version)
        newest.set(state.clientId, state);
    }
    const list = [...newest.values()];
    if (list.length === 0) return;
    await client.query(UPSERT_LEGAL_DETAILS, [
      list.map((d) => d.clientId),
      list.map((d) => d.inn),
      list.map((d) => d.kpp),
      list.map((d) => d.ogrn),
      list.map((d) => d.legalAddress),
      list.map((d) => JSON.stringify(d.bankRequisites)),
      list.map((d) => d.version),
      list.map((d) => d.updatedAt),
    ]);
  },
};
