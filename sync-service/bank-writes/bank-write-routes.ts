import { type Response, Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { type CrmWritableEntity, crmWritableEntitySchema } from '../../contracts/sync/crm-write-event.ts';
import type { Clock } from '../../infra/clock.ts';
import type { FieldOwner } from '../conflicts/merge-crm-state.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { fail } from '../read-api/read-api-support.ts';
import { recordBankWrite } from './record-bank-write.ts';
import { validateBankFields } from './validate-bank-fields.ts';

const changeSchema = z.strictObject({
  fields: z.unknown(),
  /** Bank-side time of the change (last write wins compares it). Default: now. */
  changedAt: z.iso.datetime().optional(),
});
const createSchema = changeSchema.extend({ externalId: z.string().min(1).max(64) });
const interactionSchema = z.strictObject({
  externalId: z.string().min(1).max(64),
  subject: z.string().min(1),
  description: z.string().nullable().default(null),
  contactId: z.string().nullable().default(null),
  at: z.iso.datetime(),
});

const LOCK_RECORD =
  'SELECT company_id, state FROM crm_records WHERE entity = $1 AND id = $2 AND NOT deleted FOR UPDATE';
const OVERLAY = 'UPDATE crm_records SET state = state || $3::jsonb WHERE entity = $1 AND id = $2';
const COMPANY_EXISTS = "SELECT 1 FROM crm_records WHERE entity = 'company' AND id = $1 AND NOT deleted";

async function ownership(pool: pg.Pool): Promise<(entity: string, field: string) => FieldOwner> {
  const rows = (
    await pool.query<{ entity: string; field: string; owner: FieldOwner }>('SELECT * FROM field_ownership')
  ).rows;
  const owners = new Map(rows.map((r) => [`${r.entity}.${r.field}`, r.owner]));
  return (entity, field) => owners.get(`${entity}.${field}`) ?? 'shared';
}

/**
 * The bank's side of two-way sync: the DBO or a bank system changes client cards and contacts,
 * creates contacts, tasks and interaction history. Each change commits with its `crm.write` event
 * in the outbox (202 with the event id); the CRM writer carries it to the CRM. A change to an
 * existing record shows in the read API at once; a new record appears when the CRM confirms it.
 */
export function bankWriteRoutes(pool: pg.Pool, clock: Clock): Router {
  const router = Router();
  const entityOf = (raw: string, response: Response): CrmWritableEntity | undefined => {
    const parsed = crmWritableEntitySchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    fail(
      response,
      400,
      'UNKNOWN_ENTITY',
      `"${raw}" is not a writable CRM entity; use company, contact or task.`,
    );
    return undefined;
  };

  /** The body parsed and its fields checked (schema, ownership), or a 400 answered and undefined. */
  const bodyWithFields = async <S extends typeof changeSchema>(
    schema: S,
    entity: CrmWritableEntity,
    raw: unknown,
    response: Response,
  ): Promise<(z.output<S> & { fields: Record<string, unknown> }) | undefined> => {
    const body = schema.safeParse(raw);
    if (!body.success) {
      fail(
        response,
        400,
        'INVALID_BODY',
        body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
      return undefined;
    }
    const ownerOf = await ownership(pool);
    const problems = validateBankFields(entity, body.data.fields, (field) => ownerOf(entity, field));
    if (problems.length > 0) {
      fail(response, 400, problems[0]?.code ?? 'INVALID_FIELD', problems.map((p) => p.message).join(' '));
      return undefined;
    }
    return body.data as z.output<S> & { fields: Record<string, unknown> };
  };

  router.patch('/crm/:entity/:id', async (request, response) => {
    const entity = entityOf(request.params.entity, response);
    if (!entity) return;
    const body = await bodyWithFields(changeSchema, entity, request.body, response);
    if (!body) return;
    const { fields } = body;
    const changedAt = body.changedAt ?? new Date(clock.now()).toISOString();
    const result = await withTransaction(pool, async (client) => {
      const held = await client.query<{ company_id: string; state: Record<string, unknown> }>(LOCK_RECORD, [
        entity,
        request.params.id,
      ]);
      const row = held.rows[0];
      if (!row) return undefined;
      await client.query(OVERLAY, [entity, request.params.id, JSON.stringify(fields)]);
      const { eventId } = await recordBankWrite(client, {
        entity,
        clientId: row.company_id,
        crmId: request.params.id,
        externalId: typeof row.state.externalId === 'string' ? row.state.externalId : null,
        fields,
        changedAt,
      });
      return { eventId, record: { ...row.state, ...fields } };
    });
    if (!result)
      return fail(response, 404, 'RECORD_NOT_FOUND', `No ${entity} ${request.params.id} in the cache.`);
    response.status(202).json(result);
  });

  router.post('/crm/:entity', async (request, response) => {
    const entity = entityOf(request.params.entity, response);
    if (!entity) return;
    if (entity === 'company')
      return fail(
        response,
        400,
        'CREATE_NOT_SUPPORTED',
        'Client cards are opened in the CRM; create contacts and tasks here.',
      );
    const body = await bodyWithFields(createSchema, entity, request.body, response);
    if (!body) return;
    const { fields } = body;
    const companyId = String(fields.companyId ?? '');
    if ((await pool.query(COMPANY_EXISTS, [companyId])).rowCount === 0)
      return fail(
        response,
        400,
        'UNKNOWN_COMPANY',
        `fields.companyId "${companyId}" is no client card in the cache.`,
      );
    const { eventId } = await withTransaction(pool, (client) =>
      recordBankWrite(client, {
        entity,
        clientId: companyId,
        crmId: null,
        externalId: body.externalId,
        fields,
        changedAt: body.changedAt ?? new Date(clock.now()).toISOString(),
      }),
    );
    response.status(202).json({ eventId, externalId: body.externalId });
  });

  // Interaction history is kept by both CRMs as completed activities: a task in status `done`.
  router.post('/clients/:id/interactions', async (request, response) => {
    const body = interactionSchema.safeParse(request.body);
    if (!body.success)
      return fail(
        response,
        400,
        'INVALID_BODY',
        body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const companyId = request.params.id;
    if ((await pool.query(COMPANY_EXISTS, [companyId])).rowCount === 0)
      return fail(response, 404, 'CLIENT_NOT_FOUND', `No client card ${companyId} in the cache.`);
    const { externalId, subject, description, contactId, at } = body.data;
    const { eventId } = await withTransaction(pool, (client) =>
      recordBankWrite(client, {
        entity: 'task',
        clientId: companyId,
        crmId: null,
        externalId,
        fields: { companyId, contactId, subject, description, status: 'done', dueDate: at.slice(0, 10) },
        changedAt: at,
      }),
    );
    response.status(202).json({ eventId, externalId });
  });
  return router;
}
