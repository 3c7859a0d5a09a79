import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { crmEntitySchema } from '../../contracts/crm/crm-records.ts';
import type { AdjustableClock } from '../../infra/clock.ts';
import type { AbsStore } from '../abs/abs-store.ts';
import type { CrmStore } from '../crm/crm-store.ts';
import { type FaultEngine, isFaultRuleError } from '../faults/index.ts';
import type { MdmPatch, MdmStore } from '../mdm/mdm-store.ts';
import { controlOpenApi } from './control-openapi.ts';
import {
  absGreyEditSchema,
  clockAdvanceSchema,
  crmGreyEditSchema,
  JOURNAL_PAGE_LIMIT,
  journalQuerySchema,
  mdmGreyEditSchema,
  resetSchema,
} from './control-schemas.ts';
import { journalPage } from './journal-page.ts';

export interface ControlOptions {
  readonly token: string;
  readonly faults: FaultEngine;
  readonly abs: AbsStore;
  readonly crm: CrmStore;
  readonly mdm: MdmStore;
  readonly clock: AdjustableClock;
  /** Starts the simulator again from a seed, all state thrown away. */
  readonly reset: (seed: number) => Promise<void>;
}

function fail(
  response: Response,
  status: number,
  code: string,
  message: string,
  issues?: readonly string[],
): void {
  response.status(status).json({ error: { code, message, ...(issues ? { issues } : {}) } });
}

const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);

function bearer(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return (request: Request, response: Response, next: NextFunction) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    fail(
      response,
      401,
      'UNAUTHORIZED',
      'Send Authorization: Bearer <control token> (printed by `corebridge sim`).',
    );
  };
}

/**
 * The control API under /_control: what scenarios and QA use to steer the simulator and read its
 * truth. Fault rules take the same shape as in scenario files.
 */
export function controlRoutes(options: ControlOptions): Router {
  const { faults, abs, crm, mdm, clock } = options;
  const router = Router();
  router.get('/openapi.json', (_request, response) => {
    response.json(controlOpenApi());
  });
  router.use(bearer(options.token));
  router.use(express.json({ limit: '1mb' }));

  router.get('/faults/rules', (_request, response) => {
    response.json({ rules: faults.list() });
  });
  router.post('/faults/rules', (request, response) => {
    try {
      response.status(201).json(faults.add(request.body));
    } catch (error) {
      if (!isFaultRuleError(error)) throw error;
      const duplicate = error.problem === 'duplicate-id';
      fail(
        response,
        duplicate ? 409 : 400,
        duplicate ? 'DUPLICATE_RULE_ID' : 'INVALID_FAULT_RULE',
        error.message,
        error.issues,
      );
    }
  });
  router.delete('/faults/rules/:id', (request, response) => {
    if (faults.remove(request.params.id)) response.status(204).end();
    else fail(response, 404, 'RULE_NOT_FOUND', `No fault rule ${request.params.id}.`);
  });
  router.delete('/faults/rules', (_request, response) => {
    faults.clear();
    response.status(204).end();
  });
  router.get('/faults/journal', (request, response) => {
    const query = journalQuerySchema.safeParse(request.query);
    if (!query.success)
      return fail(
        response,
        400,
        'INVALID_QUERY',
        `Failed to page the fault journal: ${issuesOf(query.error).join('; ')}. Pass after (a whole number ≥ 0, the last page's next) and limit (1 to ${JOURNAL_PAGE_LIMIT.max}).`,
        issuesOf(query.error),
      );
    response.json(journalPage(faults.journal, query.data.after, query.data.limit));
  });

  router.post('/reset', async (request, response) => {
    const body = resetSchema.safeParse(request.body);
    if (!body.success)
      return fail(
        response,
        400,
        'INVALID_RESET',
        'Send {seed} with a whole number ≥ 0.',
        issuesOf(body.error),
      );
    await options.reset(body.data.seed);
    response.json({ seed: body.data.seed });
  });

  router.post('/clock/advance', (request, response) => {
    const body = clockAdvanceSchema.safeParse(request.body);
    if (!body.success)
      return fail(
        response,
        400,
        'INVALID_CLOCK_ADVANCE',
        'Send {ms} with a whole number ≥ 0.',
        issuesOf(body.error),
      );
    clock.advance(body.data.ms);
    response.json({ now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs });
  });

  router.get('/clock', (_request, response) => {
    response.json({
      now: new Date(clock.now()).toISOString(),
      faultEngineStart: new Date(faults.start).toISOString(),
    });
  });

  router.get('/abs/truth/accounts', (_request, response) => {
    response.json({ accounts: abs.allAccounts() });
  });
  router.get('/abs/drift', (_request, response) => {
    response.json({ drift: abs.drift });
  });
  router.post('/abs/grey-edits', (request, response) => {
    const body = absGreyEditSchema.safeParse(request.body);
    if (!body.success) {
      return fail(
        response,
        400,
        'INVALID_GREY_EDIT',
        'Send {accountId, balanceMinor}.',
        issuesOf(body.error),
      );
    }
    if (!abs.account(body.data.accountId))
      return fail(response, 404, 'ACCOUNT_NOT_FOUND', `No account ${body.data.accountId}.`);
    response.status(201).json(abs.greyEdit(body.data.accountId, body.data.balanceMinor, clock.now()));
  });

  router.get('/crm/truth/:entity/:id', (request, response) => {
    const entity = crmEntitySchema.safeParse(request.params.entity);
    if (!entity.success)
      return fail(response, 400, 'INVALID_ENTITY', 'entity is one of company, contact, task, authority.');
    const record = crm.get(entity.data, request.params.id);
    if (!record)
      return fail(response, 404, 'RECORD_NOT_FOUND', `No ${entity.data} ${request.params.id} in the CRM.`);
    response.json(record);
  });
  router.get('/mdm/truth/:clientId', (request, response) => {
    const details = mdm.get(request.params.clientId);
    if (!details)
      return fail(response, 404, 'CLIENT_NOT_FOUND', `No client ${request.params.clientId} in the MDM.`);
    response.json(details);
  });
  router.get('/crm/drift', (_request, response) => {
    response.json({ drift: crm.drift });
  });
  router.post('/crm/grey-edits', (request, response) => {
    const body = crmGreyEditSchema.safeParse(request.body);
    if (!body.success)
      return fail(response, 400, 'INVALID_GREY_EDIT', 'Send {entity, id, patch}.', issuesOf(body.error));
    const { entity, id, patch } = body.data;
    if (!crm.get(entity, id))
      return fail(response, 404, 'RECORD_NOT_FOUND', `No ${entity} ${id} in the CRM.`);
    try {
      response.status(201).json(crm.greyEdit(entity, id, patch as never));
    } catch (error) {
      fail(response, 400, 'INVALID_GREY_EDIT', (error as Error).message);
    }
  });
  router.get('/mdm/drift', (_request, response) => {
    response.json({ drift: mdm.drift });
  });
  router.post('/mdm/grey-edits', (request, response) => {
    const body = mdmGreyEditSchema.safeParse(request.body);
    if (!body.success)
      return fail(response, 400, 'INVALID_GREY_EDIT', 'Send {clientId, patch}.', issuesOf(body.error));
    if (!mdm.get(body.data.clientId))
      return fail(response, 404, 'CLIENT_NOT_FOUND', `No client ${body.data.clientId} in the MDM.`);
    response.status(201).json(mdm.greyEdit(body.data.clientId, body.data.patch as MdmPatch));
  });

  // express.json's own failures (bad JSON, too large) as machine-readable answers too.
  router.use(
    (
      error: Error & { status?: number; type?: string },
      _request: Request,
      response: Response,
      next: NextFunction,
    ) => {
      if (!error.status || error.status >= 500) return next(error);
      fail(
        response,
        error.status,
        error.type === 'entity.too.large' ? 'BODY_TOO_LARGE' : 'INVALID_JSON',
        error.message,
      );
    },
  );
  return router;
}
