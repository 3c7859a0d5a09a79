import { errorCatalogue } from '../infra/http/error-catalogue.ts';
import { HTTP_ERROR_DEFINITIONS } from '../infra/http/http-errors.ts';

/**
 * Every error the simulator's own APIs answer (`{error:{code,message}}`): the ABS's and the MDM's
 * REST, the CRM feed's reference log and the control API. Not the CRM flavors: they answer as
 * Salesforce and Bitrix24 do. Nor injected faults: those carry their rule's code. The README's
 * table of the simulator's errors is checked against this list.
 */
export const SIMULATOR_ERRORS = errorCatalogue(HTTP_ERROR_DEFINITIONS, {
  INVALID_PAGE: {
    status: 400,
    doc: 'ABS paging (`offset`, `limit`, `afterSequence`, `from`/`to`) out of range.',
  },
  ORGANISATION_NOT_FOUND: { status: 404, doc: 'No such organisation in the ABS.' },
  ACCOUNT_NOT_FOUND: { status: 404, doc: 'No such account in the ABS.' },
  INVALID_CLIENT_ID: { status: 400, doc: 'An MDM client id is not a UUID.' },
  INVALID_INN: { status: 400, doc: '`?inn=` is not 10 or 12 digits.' },
  CLIENT_NOT_FOUND: { status: 404, doc: 'No such client in the MDM.' },
  UNKNOWN_ENTITY: {
    status: 400,
    doc: "The CRM feed's reference log was asked for an entity it does not have.",
  },
  RECORD_NOT_FOUND: { status: 404, doc: 'No such record in the CRM.' },
  UNAUTHORIZED: { status: 401, doc: 'A control call without `Authorization: Bearer <control token>`.' },
  INVALID_FAULT_RULE: { status: 400, doc: 'The fault rule does not fit the schema (`issues` lists where).' },
  DUPLICATE_RULE_ID: { status: 409, doc: 'A fault rule with that id is installed already.' },
  RULE_NOT_FOUND: { status: 404, doc: 'No fault rule with that id.' },
  INVALID_QUERY: { status: 400, doc: "The journal's `after` is not a whole number ≥ 0." },
  INVALID_RESET: { status: 400, doc: 'A reset without a whole-number `seed` ≥ 0.' },
  INVALID_CLOCK_ADVANCE: {
    status: 400,
    doc: 'A clock advance without whole-number `ms` from 0 to ten years.',
  },
  INVALID_GREY_EDIT: { status: 400, doc: 'A grey edit that does not fit its schema or its record.' },
  INVALID_ENTITY: {
    status: 400,
    doc: 'A control truth read names no CRM entity (company, contact, task, authority).',
  },
});
