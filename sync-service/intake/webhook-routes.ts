import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type pg from 'pg';
import {
  SIGNATURE_HEADER,
  type SignatureCheck,
  verifySignature,
} from '../../contracts/webhooks/webhook-signature.ts';
import type { Clock } from '../../infra/clock.ts';
import { ApiError, isApiError } from '../../infra/http/api-error.ts';
import { bodyReadError } from '../../infra/http/body-read-error.ts';
import type { ErrorEntry } from '../../infra/http/error-catalogue.ts';
import { CACHE_RETRY_AFTER_SECONDS } from '../http/cache-unavailable.ts';
import { SYNC_ERRORS } from '../http/sync-errors.ts';
import type { SyncMetrics } from '../metrics.ts';
import { crmWebhookBodySchema } from './crm-webhook-body.ts';
import { createInboxWriter } from './inbox-writer.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.ts';
import { findUnstorableText } from './unstorable-text.ts';

export interface WebhookRoutesOptions {
  readonly pool: pg.Pool;
  /** The active signing secrets: one, or two while a rotation is under way. */
  readonly secrets: readonly string[];
  readonly clock: Clock;
  readonly metrics: SyncMetrics;
}

/** The largest webhook body taken, as the CRM vendors cap theirs. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** The longest idempotency key taken: a key is the inbox's primary key, and a B-tree entry holds ~2.7 kB at most. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

const SIGNATURE_ERRORS = {
  missing: SYNC_ERRORS.SIGNATURE_MISSING,
  malformed: SYNC_ERRORS.SIGNATURE_MALFORMED,
  expired: SYNC_ERRORS.SIGNATURE_EXPIRED,
  mismatch: SYNC_ERRORS.SIGNATURE_MISMATCH,
} as const satisfies Record<Exclude<SignatureCheck, 'valid'>, ErrorEntry>;

/**
 * `POST /webhooks/crm`: a signed CRM change. Answers 202 only once the delivery is committed to the
 * inbox; the inbox processor applies it after. Signature over the raw bytes, so the body is read raw.
 * Whatever the inbox could not store or the processor could not apply is refused here, before the
 * 202: the sender of a 202 never retries, and one bad delivery must not fail the batch it shares.
 */
export function webhookRoutes(options: WebhookRoutesOptions): Router {
  const { metrics } = options;
  const inbox = createInboxWriter(options.pool);
  const router = Router();
  router.post(
    '/crm',
    express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }),
    async (request, response) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const check = verifySignature(
        request.get(SIGNATURE_HEADER),
        raw.toString('utf8'),
        options.secrets,
        Math.floor(options.clock.now() / 1000),
      );
      if (check !== 'valid') {
        metrics.webhooks.inc({ outcome: 'rejected-signature' });
        throw new ApiError(
          SIGNATURE_ERRORS[check],
          `Failed to accept the delivery: the ${SIGNATURE_HEADER} header is ${check}. Sign the raw body with an active secret.`,
        );
      }
      const key = request.get('idempotency-key') ?? request.get('x-corebridge-delivery');
      if (!key) {
        metrics.webhooks.inc({ outcome: 'rejected-key' });
        throw new ApiError(
          SYNC_ERRORS.IDEMPOTENCY_KEY_MISSING,
          'Send an Idempotency-Key (or x-corebridge-delivery) header.',
        );
      }
      if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        metrics.webhooks.inc({ outcome: 'rejected-key' });
        throw new ApiError(
          SYNC_ERRORS.IDEMPOTENCY_KEY_INVALID,
          `Failed to accept the delivery: its idempotency key has ${key.length} characters, more than ${MAX_IDEMPOTENCY_KEY_LENGTH}. Send a shorter key.`,
        );
      }
      if (nestsDeeperThan(raw)) {
        metrics.webhooks.inc({ outcome: 'rejected-body' });
        throw new ApiError(
          SYNC_ERRORS.JSON_TOO_DEEP,
          `Failed to accept the delivery: its JSON nests deeper than ${MAX_JSON_DEPTH} levels. Send the CRM change as documented.`,
        );
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        metrics.webhooks.inc({ outcome: 'rejected-body' });
        throw new ApiError(SYNC_ERRORS.INVALID_JSON, 'The body is not JSON.');
      }
      const unstorable = findUnstorableText(json);
      if (unstorable) {
        metrics.webhooks.inc({ outcome: 'rejected-body' });
        throw new ApiError(
          SYNC_ERRORS.UNSUPPORTED_CHARACTER,
          `Failed to accept the delivery: ${unstorable} holds a NUL character (\\u0000) or a lone surrogate, which the inbox cannot store. Remove it and send the delivery again.`,
        );
      }
      const body = crmWebhookBodySchema.safeParse(json);
      if (!body.success) {
        metrics.webhooks.inc({ outcome: 'rejected-body' });
        const detail = body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new ApiError(SYNC_ERRORS.INVALID_WEBHOOK, `The body is not a CRM change: ${detail}.`);
      }
      const event = `crm.${body.data.change.entity}.${body.data.change.operation}`;
      const outcome = await inbox.record(key, event, raw, body.data);
      metrics.webhooks.inc({ outcome: outcome.kind });
      if (outcome.kind === 'in-progress')
        throw new ApiError(
          SYNC_ERRORS.IDEMPOTENCY_KEY_IN_PROGRESS,
          `Delivery ${key} is being recorded; retry it shortly.`,
        );
      if (outcome.kind === 'key-reused')
        throw new ApiError(
          SYNC_ERRORS.IDEMPOTENCY_KEY_REUSED,
          `Key ${key} was used for a different body; use a new key.`,
        );
      if (outcome.kind === 'unstorable')
        throw new ApiError(
          SYNC_ERRORS.UNSTORABLE_DELIVERY,
          `Failed to record delivery ${key}: the database refused its values (${outcome.reason}). Correct the body and send it again.`,
        );
      if (outcome.kind === 'replayed') response.setHeader('idempotent-replayed', 'true');
      response.status(outcome.answer.status).json(outcome.answer.body);
    },
  );
  // The inbox could not be written (the database is unreachable): nothing was recorded, so the
  // sender must retry. The body parser's errors and our own go on to the service's error handler.
  router.use((error: unknown, _request: Request, _response: Response, next: NextFunction) => {
    if (isApiError(error) || bodyReadError(error)) return next(error);
    next(
      new ApiError(
        SYNC_ERRORS.INBOX_UNAVAILABLE,
        `Failed to record the delivery: the inbox is unavailable. Retry it in ${CACHE_RETRY_AFTER_SECONDS} s.`,
        { cause: error, retryAfterSeconds: CACHE_RETRY_AFTER_SECONDS },
      ),
    );
  });
  return router;
}
