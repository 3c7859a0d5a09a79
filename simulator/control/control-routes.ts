import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { crmEntitySchema } from '../../contracts/crm/crm-records.ts';
import type { AdjustableClock } from '../../infra/clock.ts';
import { ApiError } from '../../infra/http/api-error.ts';
import type { AbsStore } from '../abs/abs-store.ts';
import type { CrmStore } from '../crm/crm-store.ts';
import { type FaultEngine, isFaultRuleError } from '../faults/index.ts';
import type { MdmPatch, MdmStore } from '../mdm/mdm-store.ts';
import { SIMULATOR_ERRORS } from '../simulator-errors.ts';
import { controlOpenApi } from './control-openapi.ts';
import {
  absGreyEditSchema,
  clockAdvanceSchema,
  crmGreyEditSchema,
  JOURNAL_PAGE_LIMIT,
  journalQuerySchema,
  MAX_CLOCK_ADVANCE_MS,
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

const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);

const invalidGreyEdit = (shape: string, error: z.ZodError) =>
  new ApiError(SIMULATOR_ERRORS.INVALID_GREY_EDIT, `Failed to make the grey edit: send ${shape}.`, {
    issues: issuesOf(error),
  });

// Digests, not the strings: timingSafeEqual wants equal lengths, and returning early on a length
// mismatch would tell a prober how long the token is. SHA-256 of both is always 32 bytes.
const digest = (text: string) => createHash('sha256').update(text).digest();

function bearer(token: string) {
  const expected = digest(`Bearer ${token}`);
  return (request: Request, _response: Response, next: NextFunction) => {
    if (timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) return next();
    next(
      new ApiError(
        SIMULATOR_ERRORS.UNAUTHORIZED,
        'Failed to authorise the control call: no valid token. Send Authorization: Bearer <control token> (printed by `corebridge sim`).',
      ),
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
      const entry =
        error.problem === 'duplicate-id'
          ? SIMULATOR_ERRORS.DUPLICATE_RULE_ID
          : SIMULATOR_ERRORS.INVALID_FAULT_RULE;
      throw new ApiError(entry, error.message, { issues: error.issues });
    }
  });
  router.delete('/faults/rules/:id', (request, response) => {
    if (faults.remove(request.params.id)) response.status(204).end();
    else throw new ApiError(SIMULATOR_ERRORS.RULE_NOT_FOUND, `No fault rule ${request.params.id}.`);
  });
  router.delete('/faults/rules', (_request, response) => {
    faults.clear();
    response.status(204).end();
  });
  router.get('/faults/journal', (request, response) => {
    const query = journalQuerySchema.safeParse(request.query);
    if (!query.success)
      throw new ApiError(
        SIMULATOR_ERRORS.INVALID_QUERY,
        `Failed to page the fault journal: ${issuesOf(query.error).join('; ')}. Pass after (a whole number ≥ 0, the last page's next) and limit (1 to ${JOURNAL_PAGE_LIMIT.max}).`,
        { issues: issuesOf(query.error) },
      );
    response.json(journalPage(faults.journal, query.data.after, query.data.limit));
  });

  router.post('/reset', async (request, response) => {
    const body = resetSchema.safeParse(request.body);
    if (!body.success)
      throw new ApiError(
        SIMULATOR_ERRORS.INVALID_RESET,
        'Failed to reset: send {seed} with a whole number ≥ 0.',
        { issues: issuesOf(body.error) },
      );
    await options.reset(body.data.seed);
    response.json({ seed: body.data.seed });
  });

  router.post('/clock/advance', (request, response) => {
    const body = clockAdvanceSchema.safeParse(request.body);
    if (!body.success)
      throw new ApiError(
        SIMULATOR_ERRORS.INVALID_CLOCK_ADVANCE,
        `Failed to advance the clock: send {ms} with a whole number from 0 to ${MAX_CLOCK_ADVANCE_MS} (ten years).`,
        { issues: issuesOf(body.error) },
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
    if (!body.success) throw invalidGreyEdit('{accountId, balanceMinor}', body.error);
    if (!abs.account(body.data.accountId))
      throw new ApiError(SIMULATOR_ERRORS.ACCOUNT_NOT_FOUND, `No account ${body.data.accountId}.`);
    response.status(201).json(abs.greyEdit(body.data.accountId, body.data.balanceMinor, clock.now()));
  });

  router.get('/crm/truth/:entity/:id', (request, response) => {
    const entity = crmEntitySchema.safeParse(request.params.entity);
    if (!entity.success)
      throw new ApiError(
        SIMULATOR_ERRORS.INVALID_ENTITY,
        'Failed to read the CRM truth: entity is one of company, contact, task, authority.',
      );
    const record = crm.get(entity.data, request.params.id);
    if (!record)
      throw new ApiError(
        SIMULATOR_ERRORS.RECORD_NOT_FOUND,
        `No ${entity.data} ${request.params.id} in the CRM.`,
      );
    response.json(record);
  });
  router.get('/mdm/truth/:clientId', (request, response) => {
    const details = mdm.get(request.params.clientId);
    if (!details)
      throw new ApiError(
        SIMULATOR_ERRORS.CLIENT_NOT_FOUND,
        `No client ${request.params.clientId} in the MDM.`,
      );
    response.json(details);
  });
  router.get('/crm/drift', (_request, response) => {
    response.json({ drift: crm.drift });
  });
  router.post('/crm/grey-edits', (request, response) => {
    const body = crmGreyEditSchema.safeParse(request.body);
    if (!body.success) throw invalidGreyEdit('{entity, id, patch}', body.error);
    const { entity, id, patch } = body.data;
    if (!crm.get(entity, id))
      throw new ApiError(SIMULATOR_ERRORS.RECORD_NOT_FOUND, `No ${entity} ${id} in the CRM.`);
    let edited: unknown;
    try {
      edited = crm.greyEdit(entity, id, patch as never);
    } catch (error) {
      // The store refuses a patch its record's schema does not take; its message says which field.
      throw new ApiError(SIMULATOR_ERRORS.INVALID_GREY_EDIT, (error as Error).message, { cause: error });
    }
    response.status(201).json(edited);
  });
  router.get('/mdm/drift', (_request, response) => {
    response.json({ drift: mdm.drift });
  });
  router.post('/mdm/grey-edits', (request, response) => {
    const body = mdmGreyEditSchema.safeParse(request.body);
    if (!body.success) throw invalidGreyEdit('{clientId, patch}', body.error);
    if (!mdm.get(body.data.clientId))
      throw new ApiError(SIMULATOR_ERRORS.CLIENT_NOT_FOUND, `No client ${body.data.clientId} in the MDM.`);
    response.status(201).json(mdm.greyEdit(body.data.clientId, body.data.patch as MdmPatch));
  });

  return router;
}
