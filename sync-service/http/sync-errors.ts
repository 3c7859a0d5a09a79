import { errorCatalogue } from '../../infra/http/error-catalogue.ts';
import { HTTP_ERROR_DEFINITIONS } from '../../infra/http/http-errors.ts';

/**
 * Every error the sync service's own APIs answer (`{error:{code,message}}`): read API, bank writes,
 * conflicts, webhook intake, health and metrics. Routes throw `ApiError`s of these entries; the
 * README's table of the sync service's errors is checked against this list.
 */
export const SYNC_ERRORS = errorCatalogue(HTTP_ERROR_DEFINITIONS, {
  UNAUTHENTICATED: {
    status: 401,
    doc: 'No bearer token, or one that is expired, badly signed, or for another issuer or audience (`WWW-Authenticate` says which); get a new token.',
  },
  INSUFFICIENT_SCOPE: {
    status: 403,
    doc: 'The token lacks the scope the API needs: `cache:read` (reads), `crm:write` (bank writes), `conflicts:resolve` (conflicts), `metrics:read` (`/metrics`).',
  },
  INVALID_ID: { status: 400, doc: 'An `:id` is not a UUID (a conflict id: not a whole number).' },
  INVALID_ORGANISATION_ID: {
    status: 400,
    doc: 'The organisation id of `/organisations/:id/accounts` is not a UUID.',
  },
  INVALID_INN: { status: 400, doc: '`?inn=` is not 10 or 12 digits.' },
  INVALID_DATE: { status: 400, doc: '`?at=` is not a date `YYYY-MM-DD`.' },
  INVALID_PAGING: { status: 400, doc: '`afterSequence` is below 0 or `limit` outside 1…1000.' },
  CLIENT_NOT_FOUND: { status: 404, doc: 'Nothing about the client in the cache.' },
  DUPLICATE_CLIENT_CARDS: {
    status: 409,
    doc: 'The cache holds more than one CRM card for the client (the message lists them): a duplicate to merge in the CRM, not one to pick silently.',
  },
  ORGANISATION_NOT_FOUND: { status: 404, doc: 'Nothing about the organisation in the cache.' },
  ACCOUNT_NOT_FOUND: { status: 404, doc: 'No such account in the cache.' },
  UNKNOWN_ENTITY: { status: 400, doc: 'A bank write names an entity other than company, contact, task.' },
  INVALID_BODY: {
    status: 400,
    doc: 'The body does not have the documented shape (the message lists what is wrong).',
  },
  NO_FIELDS: { status: 400, doc: 'A bank write without `fields`, or with none in it.' },
  UNKNOWN_FIELD: { status: 400, doc: 'A bank write names a field the entity does not have.' },
  INVALID_FIELD: { status: 400, doc: "A field's value is not valid for it." },
  FIELD_OWNED_BY_CRM: {
    status: 400,
    doc: 'The field is owned by the CRM (table `field_ownership`); change it there.',
  },
  CREATE_NOT_SUPPORTED: {
    status: 400,
    doc: 'Client cards are opened in the CRM; only contacts and tasks are created here.',
  },
  UNKNOWN_COMPANY: {
    status: 400,
    doc: "A new contact's or task's `fields.companyId` is no client card in the cache.",
  },
  RECORD_NOT_FOUND: {
    status: 404,
    doc: 'No CRM record in the cache with that bank id (`externalId`; a client card: the client id) or CRM id.',
  },
  DUPLICATE_RECORDS: {
    status: 409,
    doc: 'More than one cached contact or task carries the bank id (the message lists their CRM ids): merge them in the CRM, or name one by its CRM id.',
  },
  UNSUPPORTED_CHARACTER: {
    status: 422,
    doc: 'A string holds a NUL (`\\u0000`) or a lone surrogate, which PostgreSQL cannot store; nothing was written.',
  },
  CONFLICT_NOT_FOUND: { status: 404, doc: 'No such conflict.' },
  CONFLICT_RESOLVED: { status: 409, doc: 'The conflict is resolved already.' },
  SIGNATURE_MISSING: { status: 401, doc: 'A webhook without `x-corebridge-signature`.' },
  SIGNATURE_MALFORMED: { status: 401, doc: 'The signature header is not `t=<seconds>,v1=<64 hex>`.' },
  SIGNATURE_EXPIRED: { status: 401, doc: "The signature's time is more than 300 s from ours." },
  SIGNATURE_MISMATCH: { status: 401, doc: 'The signature matches none of the active secrets.' },
  IDEMPOTENCY_KEY_MISSING: {
    status: 400,
    doc: 'A webhook without `Idempotency-Key` (or `x-corebridge-delivery`).',
  },
  IDEMPOTENCY_KEY_INVALID: { status: 400, doc: 'The idempotency key is over 200 characters.' },
  JSON_TOO_DEEP: { status: 400, doc: "The webhook's JSON nests deeper than 32 levels." },
  INVALID_WEBHOOK: {
    status: 422,
    doc: 'The webhook is not a CRM change, its record breaks the contract (an INN, KPP or OGRN whose check digits fail, a field the contract does not define: named by its path, e.g. `record.inn`), or a version/sequence is outside 1…2³¹−1.',
  },
  UNSTORABLE_DELIVERY: {
    status: 422,
    doc: "The database refused the delivery's values; nothing was stored.",
  },
  IDEMPOTENCY_KEY_REUSED: { status: 422, doc: 'The idempotency key came before with another body.' },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    status: 409,
    doc: 'A delivery under the key is still being written; retry shortly.',
  },
  INBOX_UNAVAILABLE: {
    status: 503,
    doc: 'The inbox could not be written (the database is down); nothing stored, retry.',
  },
  CACHE_UNAVAILABLE: {
    status: 503,
    doc: "The cache's database is unreachable (down or restarting); retry after `Retry-After` seconds.",
  },
});
