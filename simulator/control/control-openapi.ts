import { z } from 'zod';
import type { ErrorEntry } from '../../infra/http/error-catalogue.ts';
import { faultRuleSchema } from '../faults/index.ts';
import { SIMULATOR_ERRORS as E } from '../simulator-errors.ts';
import {
  absGreyEditSchema,
  clockAdvanceSchema,
  clockSchema,
  controlErrorSchema,
  crmGreyEditSchema,
  journalPageSchema,
  journalQuerySchema,
  mdmGreyEditSchema,
  resetSchema,
} from './control-schemas.ts';

const schema = (type: z.ZodType) => z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' });
const json = (type: z.ZodType) => ({ content: { 'application/json': { schema: schema(type) } } });
// Status and description from the catalogue, so the document cannot drift from what the routes throw.
const errors = (...entries: readonly ErrorEntry[]) =>
  Object.fromEntries(
    entries.map((entry) => [
      entry.status,
      { description: `${entry.code}: ${entry.doc}`, ...json(controlErrorSchema) },
    ]),
  );

/** The control API as OpenAPI 3.1, generated from the same zod schemas the routes validate with. */
export function controlOpenApi(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'CoreBridge simulator control API', version: '1' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/_control/faults/rules': {
        get: { summary: 'List the fault rules', responses: { 200: { description: 'The rules' } } },
        post: {
          summary: 'Add a fault rule (same shape as in scenario files)',
          requestBody: { required: true, ...json(faultRuleSchema) },
          responses: {
            201: { description: 'The rule as added, with its id', ...json(faultRuleSchema) },
            ...errors(E.INVALID_FAULT_RULE, E.DUPLICATE_RULE_ID),
          },
        },
        delete: { summary: 'Remove every rule', responses: { 204: { description: 'Removed' } } },
      },
      '/_control/faults/rules/{id}': {
        delete: {
          summary: 'Remove one rule',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 204: { description: 'Removed' }, ...errors(E.RULE_NOT_FOUND) },
        },
      },
      '/_control/faults/journal': {
        get: {
          summary:
            'The injected faults, in order, a page at a time: the newest journalCapacity (default 100 000) are held, the counts per rule cover all',
          parameters: Object.entries(journalQuerySchema.shape).map(([name, type]) => ({
            name,
            in: 'query',
            description: type.description,
            schema: schema(type),
          })),
          responses: {
            200: { description: 'One page of entries and the exact totals', ...json(journalPageSchema) },
            ...errors(E.INVALID_QUERY),
          },
        },
      },
      '/_control/reset': {
        post: {
          summary: 'Start again from a seed: every store, feed, rule and journal thrown away',
          requestBody: { required: true, ...json(resetSchema) },
          responses: { 200: { description: 'Reset done' }, ...errors(E.INVALID_RESET) },
        },
      },
      '/_control/clock/advance': {
        post: {
          summary: "Move the simulator's clock forward (it never runs backwards)",
          requestBody: { required: true, ...json(clockAdvanceSchema) },
          responses: { 200: { description: 'The new time' }, ...errors(E.INVALID_CLOCK_ADVANCE) },
        },
      },
      '/_control/clock': {
        get: {
          summary: "The simulator's clock",
          responses: { 200: { description: 'Now', ...json(clockSchema) } },
        },
      },
      '/_control/abs/truth/accounts': {
        get: {
          summary: "The ABS's accounts as they truly are",
          responses: { 200: { description: 'Accounts' } },
        },
      },
      '/_control/abs/drift': {
        get: { summary: 'Grey edits so far', responses: { 200: { description: 'Drift' } } },
      },
      '/_control/abs/grey-edits': {
        post: {
          summary: "Fix an account's balance behind the ABS API: no posting, no event",
          requestBody: { required: true, ...json(absGreyEditSchema) },
          responses: {
            201: { description: 'The drift recorded' },
            ...errors(E.INVALID_GREY_EDIT, E.ACCOUNT_NOT_FOUND),
          },
        },
      },
      '/_control/crm/truth/{entity}/{id}': {
        get: {
          summary: 'A CRM record as it truly is (grey edits included)',
          parameters: [
            {
              name: 'entity',
              in: 'path',
              required: true,
              schema: { enum: ['company', 'contact', 'task', 'authority'] },
            },
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: {
            200: { description: 'The record' },
            ...errors(E.INVALID_ENTITY, E.RECORD_NOT_FOUND),
          },
        },
      },
      '/_control/mdm/truth/{clientId}': {
        get: {
          summary: "A client's legal details as they truly are",
          parameters: [
            { name: 'clientId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: { 200: { description: 'The legal details' }, ...errors(E.CLIENT_NOT_FOUND) },
        },
      },
      '/_control/crm/drift': {
        get: { summary: 'CRM grey edits so far', responses: { 200: { description: 'Drift' } } },
      },
      '/_control/crm/grey-edits': {
        post: {
          summary: 'Change a CRM record behind its API: no webhook, no change event, no MQ message',
          requestBody: { required: true, ...json(crmGreyEditSchema) },
          responses: {
            201: { description: 'The record after the edit' },
            ...errors(E.INVALID_GREY_EDIT, E.RECORD_NOT_FOUND),
          },
        },
      },
      '/_control/mdm/drift': {
        get: { summary: 'MDM grey edits so far', responses: { 200: { description: 'Drift' } } },
      },
      '/_control/mdm/grey-edits': {
        post: {
          summary: "Change a client's legal details behind the MDM API: no MQ message",
          requestBody: { required: true, ...json(mdmGreyEditSchema) },
          responses: {
            201: { description: 'The legal details after the edit' },
            ...errors(E.INVALID_GREY_EDIT, E.CLIENT_NOT_FOUND),
          },
        },
      },
    },
  };
}
