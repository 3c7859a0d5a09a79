import { Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { type CrmWritableEntity, crmWritableEntitySchema } from '../../contracts/sync/crm-write-event.ts';
import type { Clock } from '../../infra/clock.ts';
import { ApiError } from '../../infra/http/api-error.ts';
import type { FieldOwner } from '../conflicts/merge-crm-state.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { SYNC_ERRORS } from '../http/sync-errors.ts';
import { refuseUnstorableText } from '../http/unstorable-input.ts';
import { recordBankWrite } from './record-bank-write.ts';
import { resolveCrmId } from './resolve-crm-id.ts';
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

const invalidBody = (error: z.ZodError) =>
  new ApiError(
    SYNC_ERRORS.INVALID_BODY,
    `Failed to read the bank write: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}. Send it as documented.`,
  );

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
 * Records are named by the bank's id (`externalId`; a card's is the client id) or the CRM's id
 * (`resolveCrmId`); what goes to the CRM always names them by the CRM's id.
 */
export function bankWriteRoutes(pool: pg.Pool, clock: Clock): Router {
  const router = Router();
  const entityOf = (raw: string): CrmWritableEntity => {
    const parsed = crmWritableEntitySchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    throw new ApiError(
      SYNC_ERRORS.UNKNOWN_ENTITY,
      'Failed to write to the CRM: the entity is not writable. Use company, contact or task.',
    );
  };

  /**
   * The body parsed and checked (schema, ownership, text the cache can store), else a 4xx thrown.
   * `id` is the record's path id, when there is one: a NUL there would fail the look-up's query.
   */
  const bodyWithFields = async <S extends typeof changeSchema>(
    schema: S,
    entity: CrmWritableEntity,
    raw: unknown,
    id?: string,
  ): Promise<z.output<S> & { fields: Record<string, unknown> }> => {
    const body = schema.safeParse(raw);
    if (!body.success) throw invalidBody(body.error);
    const ownerOf = await ownership(pool);
    const problems = validateBankFields(entity, body.data.fields, (field) => ownerOf(entity, field));
    const [first] = problems;
    if (first) throw new ApiError(SYNC_ERRORS[first.code], problems.map((p) => p.message).join(' '));
    refuseUnstorableText({ ...(id === undefined ? {} : { id }), ...body.data }, `write the ${entity}`);
    return body.data as z.output<S> & { fields: Record<string, unknown> };
  };

  /** A task's or interaction's `contactId` as the CRM's id; one the cache does not hold passes as given. */
  const contactCrmId = async (contactId: unknown) =>
    typeof contactId === 'string'
      ? ((await resolveCrmId(pool, 'contact', contactId)) ?? contactId)
      : contactId;

  router.patch('/crm/:entity/:id', async (request, response) => {
    const entity = entityOf(request.params.entity);
    const body = await bodyWithFields(changeSchema, entity, request.body, request.params.id);
    const { fields } = body;
    const changedAt = body.changedAt ?? new Date(clock.now()).toISOString();
    const result = await withTransaction(pool, async (client) => {
      const crmId = await resolveCrmId(client, entity, request.params.id);
      if (crmId === undefined) return undefined;
      const held = await client.query<{ company_id: string; state: Record<string, unknown> }>(LOCK_RECORD, [
        entity,
        crmId,
      ]);
      const row = held.rows[0];
      if (!row) return undefined; // deleted between the look-up and the lock
      await client.query(OVERLAY, [entity, crmId, JSON.stringify(fields)]);
      const { eventId } = await recordBankWrite(client, {
        entity,
        clientId: row.company_id,
        crmId,
        externalId: typeof row.state.externalId === 'string' ? row.state.externalId : null,
        fields,
        changedAt,
      });
      return { eventId, crmId, record: { ...row.state, ...fields } };
    });
    if (!result)
      throw new ApiError(
        SYNC_ERRORS.RECORD_NOT_FOUND,
        `No ${entity} ${request.params.id} in the cache, by bank id or CRM id. Name a cached record.`,
      );
    response.status(202).json(result);
  });

  router.post('/crm/:entity', async (request, response) => {
    const entity = entityOf(request.params.entity);
    if (entity === 'company')
      throw new ApiError(
        SYNC_ERRORS.CREATE_NOT_SUPPORTED,
        'Failed to create the company: client cards are opened in the CRM. Create contacts and tasks here.',
      );
    const body = await bodyWithFields(createSchema, entity, request.body);
    const companyId = await resolveCrmId(pool, 'company', String(body.fields.companyId ?? ''));
    if (companyId === undefined)
      throw new ApiError(
        SYNC_ERRORS.UNKNOWN_COMPANY,
        `Failed to create the ${entity}: fields.companyId is no client card in the cache. Name a cached card by its client id or CRM id.`,
      );
    const fields = { ...body.fields, companyId };
    if ('contactId' in fields) fields.contactId = await contactCrmId(fields.contactId);
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
    if (!body.success) throw invalidBody(body.error);
    refuseUnstorableText({ id: request.params.id, ...body.data }, 'record the interaction');
    const companyId = await resolveCrmId(pool, 'company', request.params.id);
    if (companyId === undefined)
      throw new ApiError(
        SYNC_ERRORS.CLIENT_NOT_FOUND,
        `No client card ${request.params.id} in the cache, by client id or CRM id. Name a cached client.`,
      );
    const { externalId, subject, description, at } = body.data;
    const contactId = await contactCrmId(body.data.contactId);
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
