import { type Request, Router } from 'express';
import type pg from 'pg';
import type { Clock } from '../../infra/clock.ts';
import { ApiError } from '../../infra/http/api-error.ts';
import type { SourceFreshness } from '../freshness/source-freshness.ts';
import { SYNC_ERRORS } from '../http/sync-errors.ts';
import { freshStamp, stampJson } from './fresh-part.ts';
import { oldest, uuidParam } from './read-api-support.ts';

const LEGAL =
  'SELECT inn, kpp, ogrn, legal_address, bank_requisites, version, as_of FROM legal_details WHERE client_id = $1';
// A client is found by INN whichever source knows it: the MDM's legal details or the CRM's card.
// A card without the bank's id cannot name a client: it is listed apart, never dropped.
const CLIENTS_BY_INN = `
  SELECT client_id::text AS client_id, NULL AS crm_id FROM legal_details WHERE inn = $1
  UNION
  SELECT state->>'externalId', CASE WHEN state->>'externalId' IS NULL THEN id END FROM crm_records
    WHERE entity = 'company' AND NOT deleted AND state->>'inn' = $1
  ORDER BY 1, 2`;
const CARD = `SELECT id, state, as_of FROM crm_records WHERE entity = 'company' AND NOT deleted AND state->>'externalId' = $1`;
const CHILDREN = `SELECT entity, id, state, as_of FROM crm_records WHERE company_id = $1 AND entity = ANY($2) AND NOT deleted ORDER BY entity, id`;
const ACCOUNTS =
  'SELECT id, number, currency, balance_minor, as_of FROM accounts WHERE organisation_id = $1 ORDER BY number';

type Row = Record<string, unknown> & { as_of: Date };

/**
 * The client (an organisation or a sole proprietor: one id in the ABS, the CRM and the MDM) as the
 * DBO shows it, from the cache only: legal details from the MDM, the card and contacts from the
 * CRM, the accounts from the ABS, each part with its own `asOf` and `source` state, and the answer
 * with the oldest `asOf`.
 */
export function clientRoutes(pool: pg.Pool, clock: Clock, freshness: SourceFreshness): Router {
  const router = Router();
  const stamped = (source: string, row: Row) => stampJson(freshStamp(freshness, source, row.as_of));

  /** The client's one CRM card; several are a duplicate to show, never one to pick (incident I5). */
  const cardOf = async (id: string): Promise<Row | undefined> => {
    const cards = (await pool.query<Row>(CARD, [id])).rows;
    if (cards.length > 1) {
      throw new ApiError(
        SYNC_ERRORS.DUPLICATE_CLIENT_CARDS,
        `Failed to show client ${id}: the cache holds ${cards.length} CRM cards for it (${cards.map((r) => r.id).join(', ')}). Merge the duplicates in the CRM; the cache follows.`,
      );
    }
    return cards[0];
  };

  const load = async (id: string) => {
    const [legal, cardRow, accounts] = await Promise.all([
      pool.query<Row>(LEGAL, [id]),
      cardOf(id),
      pool.query<Row>(ACCOUNTS, [id]),
    ]);
    const contacts = cardRow ? (await pool.query<Row>(CHILDREN, [cardRow.id, ['contact']])).rows : [];
    return { legal: legal.rows[0], card: cardRow, contacts, accounts: accounts.rows };
  };

  const answer = (id: string, parts: Awaited<ReturnType<typeof load>>) => {
    const legalDetails = parts.legal && {
      inn: parts.legal.inn,
      kpp: parts.legal.kpp,
      ogrn: parts.legal.ogrn,
      legalAddress: parts.legal.legal_address,
      bankRequisites: parts.legal.bank_requisites,
      ...stamped('mdm', parts.legal),
    };
    const crmCard = parts.card && {
      crmId: parts.card.id,
      ...(parts.card.state as object),
      ...stamped('crm', parts.card),
    };
    const contacts = parts.contacts.map((c) => ({
      crmId: c.id,
      ...(c.state as object),
      ...stamped('crm', c),
    }));
    const accounts = parts.accounts.map((a) => ({
      id: a.id,
      number: a.number,
      currency: a.currency,
      balanceMinor: Number(a.balance_minor),
      ...stamped('abs', a),
    }));
    const stamps = [legalDetails, crmCard, ...contacts, ...accounts].map((p) => p && new Date(p.asOf));
    return { clientId: id, asOf: oldest(...stamps), legalDetails, crmCard, contacts, accounts };
  };

  for (const path of ['/clients/:id', '/organisations/:id']) {
    router.get(path, async (request: Request<{ id: string }>, response) => {
      const id = uuidParam(request, 'the client');
      const parts = await load(id);
      if (!parts.legal && !parts.card && parts.accounts.length === 0) {
        const entry = path.startsWith('/clients')
          ? SYNC_ERRORS.CLIENT_NOT_FOUND
          : SYNC_ERRORS.ORGANISATION_NOT_FOUND;
        throw new ApiError(entry, `Nothing about ${id} in the cache.`);
      }
      response.json(answer(id, parts));
    });
  }

  router.get('/clients', async (request, response) => {
    const inn = String(request.query.inn ?? '');
    if (!/^\d{10}(\d{2})?$/.test(inn))
      throw new ApiError(
        SYNC_ERRORS.INVALID_INN,
        'Failed to find clients by INN: it is not 10 or 12 digits. Pass ?inn= with 10 or 12 digits.',
      );
    const found = await pool.query<{ client_id: string | null; crm_id: string | null }>(CLIENTS_BY_INN, [
      inn,
    ]);
    response.json({
      inn,
      clients: [...new Set(found.rows.flatMap((r) => (r.client_id ? [r.client_id] : [])))],
      // Cards with this INN that carry no bank id yet (opened in the CRM, not linked to a client).
      unlinkedCrmCards: found.rows.flatMap((r) => (r.crm_id ? [r.crm_id] : [])),
    });
  });

  router.get('/clients/:id/authorities', async (request, response) => {
    const id = uuidParam(request, "the client's authorities");
    const at = String(request.query.at ?? new Date(clock.now()).toISOString().slice(0, 10));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(at))
      throw new ApiError(
        SYNC_ERRORS.INVALID_DATE,
        'Failed to read the authorities: ?at= is not a date. Pass it as YYYY-MM-DD.',
      );
    const card = await cardOf(id);
    if (!card) throw new ApiError(SYNC_ERRORS.CLIENT_NOT_FOUND, `No CRM card of client ${id} in the cache.`);
    const rows = (await pool.query<Row>(CHILDREN, [card.id, ['authority']])).rows;
    const valid = rows.filter((r) => {
      const state = r.state as { validFrom: string; validTo: string | null };
      return state.validFrom <= at && (state.validTo === null || state.validTo >= at);
    });
    const crm = freshStamp(
      freshness,
      'crm',
      new Date(oldest(card.as_of, ...rows.map((r) => r.as_of)) as string),
    );
    response.json({
      clientId: id,
      at,
      ...stampJson(crm),
      authorities: valid.map((r) => ({ crmId: r.id, ...(r.state as object) })),
    });
  });
  return router;
}
