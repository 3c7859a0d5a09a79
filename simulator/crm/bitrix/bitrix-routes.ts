import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { Clock } from '../../../infra/clock.ts';
import type { Logger } from '../../../infra/logger.ts';
import { LeakyBucket, type LeakyBucketOptions } from '../../faults/leaky-bucket.ts';
import type { CrmStore } from '../crm-store.ts';
import { BitrixError, bitrixErrors, isBitrixError } from './bitrix-error.ts';
import { bitrixDispatch } from './bitrix-methods.ts';
import { DEFAULT_PORTAL_OFFSET_MINUTES, timeBlock } from './bitrix-time.ts';
import { BitrixEventHandlers } from './event-handlers.ts';
import { parsePhpQuery } from './php-query.ts';
import { type UserFieldEntity, UserFieldRegistry, type UserTypeId } from './user-field-registry.ts';

export interface BitrixWebhook {
  /** The user the inbound webhook acts as: the `1` of `/rest/1/<token>/`. */
  readonly userId: string | number;
  readonly token: string;
}

export interface BitrixRoutesOptions {
  readonly store: CrmStore;
  readonly clock: Clock;
  /** The inbound webhooks the portal accepts. A call with any other user/token pair is refused (401). */
  readonly webhooks: readonly BitrixWebhook[];
  /** The request-rate limit, one bucket per portal. Default `{ burst: 50, perSecond: 2 }` (non-Enterprise plans). */
  readonly bucket?: LeakyBucketOptions;
  /** Event bindings `event.bind` writes to; pass the same object to `bitrixEvents`. Default: a new, empty set. */
  readonly handlers?: BitrixEventHandlers;
  /** Custom neutral fields the dataset has, by entity and camelCase name, with their user-field type. Default none. */
  readonly userFields?: Partial<Record<UserFieldEntity, Record<string, UserTypeId>>>;
  /** The portal's time zone as minutes east of UTC; dates are shown in it. Default 180 (Moscow). */
  readonly utcOffsetMinutes?: number;
  /** Where unexpected failures (answered as INTERNAL_SERVER_ERROR) are logged. Default: nowhere. */
  readonly logger?: Logger;
}

function fail(response: Response, error: BitrixError): void {
  response.status(error.status).json(error.body);
}

function bodyParams(request: Request): Record<string, unknown> {
  const body: unknown = request.body;
  if (typeof body === 'string') return parsePhpQuery(body);
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/**
 * The Bitrix24 flavor of the CRM: inbound-webhook REST at `/rest/<user>/<token>/<method>[.json]`,
 * GET with a PHP-style query string or POST with a JSON or form body, answered in the portal's
 * `{ result, next, total, time }` envelope or as `{ error, error_description }`. Mount at `/`.
 */
export function bitrixRoutes(options: BitrixRoutesOptions): Router {
  const { store, clock, webhooks } = options;
  const offsetMinutes = options.utcOffsetMinutes ?? DEFAULT_PORTAL_OFFSET_MINUTES;
  const bucket = new LeakyBucket(options.bucket ?? { burst: 50, perSecond: 2 });
  const dispatch = bitrixDispatch({
    view: {
      store,
      userFields: new UserFieldRegistry(options.userFields),
      offsetMinutes,
      now: () => clock.now(),
    },
    handlers: options.handlers ?? new BitrixEventHandlers(),
    clock,
  });

  const router = Router();
  router.use(
    '/rest',
    express.json({ limit: '10mb' }),
    express.text({ type: 'application/x-www-form-urlencoded', limit: '10mb' }),
  );

  router.all('/rest/:user/:token/:method', (request, response) => {
    const started = clock.now();
    if (!bucket.take(clock.now()).admitted) return fail(response, bitrixErrors.queryLimitExceeded());
    const { user, token } = request.params;
    const hook = webhooks.find((candidate) => String(candidate.userId) === user && candidate.token === token);
    if (!hook) return fail(response, bitrixErrors.invalidCredentials());
    const method = (request.params.method ?? '').replace(/\.json$/i, '');
    if (/\.xml$/i.test(method)) {
      return fail(
        response,
        new BitrixError(
          '',
          'Failed to answer in XML: the simulator speaks JSON only. Call the method without .xml.',
        ),
      );
    }
    const query = request.originalUrl.includes('?')
      ? request.originalUrl.slice(request.originalUrl.indexOf('?') + 1)
      : '';
    const params = { ...parsePhpQuery(query), ...bodyParams(request) };
    const context = {
      userId: String(hook.userId),
      origin: { channel: 'api', client: `webhook:${hook.userId}` },
      inBatch: false,
    } as const;
    try {
      const answer = dispatch(method, params, context);
      response.json({
        result: answer.result,
        ...(answer.next === undefined ? {} : { next: answer.next }),
        ...(answer.total === undefined ? {} : { total: answer.total }),
        time: timeBlock(started, clock, offsetMinutes),
      });
    } catch (error) {
      if (!isBitrixError(error))
        options.logger?.error({ err: error, method }, 'Bitrix24 method failed unexpectedly');
      fail(response, isBitrixError(error) ? error : bitrixErrors.internal());
    }
  });

  // Without user and token in the path the call has no authorization at all.
  router.all('/rest/:method', (_request, response) => fail(response, bitrixErrors.noAuthFound()));

  router.use('/rest', (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    fail(
      response,
      new BitrixError(
        '',
        'Failed to read the request body: it is not valid JSON. Send JSON or form-encoded parameters.',
      ),
    );
  });
  return router;
}
