/**
 * The `version` of a CRM record read over a vendor's REST API. Neither Salesforce nor Bitrix24
 * exposes the CRM's per-record version (1 on create, +1 on every change) on its wire, and nothing
 * there counts changes: a modification time is not a count, and a count guessed from it would
 * overtake the real versions the MQ feed and the webhooks carry and block them in the cache for good.
 * 0 is below every real version, so the cache's version guard lets a fetched state fill a row that
 * is missing but never replace one a versioned channel delivered, nor hold back a later one.
 */
export const UNKNOWN_CRM_VERSION = 0;
