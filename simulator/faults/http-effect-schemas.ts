import { z } from 'zod';

/** Effects on a REST API, applied per request by `httpFaults`. Every parameter has a default. */

const statusSchema = z.number().int().min(400).max(599);
const codeSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'use an upper-case code like SERVICE_UNAVAILABLE');

export const outageEffectSchema = z.strictObject({
  type: z.literal('outage'),
  /**
   * `refuse` resets the connection before a byte is written (the closest a listening server gets
   * to a refused connection), `unavailable` answers 503, `hang` never answers (the client's
   * timeout is the only way out). Default `unavailable`.
   */
  mode: z.enum(['refuse', 'unavailable', 'hang']).default('unavailable'),
  /** Retry-After of the 503, seconds. Default: none sent. */
  retryAfterSeconds: z.number().int().positive().optional(),
});

export const maintenanceEffectSchema = z.strictObject({
  type: z.literal('maintenance'),
  /** Used for Retry-After when the rule has no window end. Default 300 s. */
  retryAfterSeconds: z.number().int().positive().default(300),
});

export const latencyDistributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), ms: z.number().nonnegative() }),
  z
    .strictObject({
      kind: z.literal('uniform'),
      minMs: z.number().nonnegative(),
      maxMs: z.number().nonnegative(),
    })
    .refine((d) => d.minMs <= d.maxMs, { message: 'minMs must not exceed maxMs', path: ['maxMs'] }),
  z.strictObject({
    kind: z.literal('lognormal'),
    medianMs: z.number().positive(),
    /** Spread of the underlying normal; 0.5 gives a p99 of ~3.2× the median. Default 0.5. */
    sigma: z.number().positive().max(5).default(0.5),
    /** Draws are capped here so one unlucky draw cannot stall a run. Default 60 s. */
    capMs: z.number().positive().default(60_000),
  }),
]);

export const latencyEffectSchema = z.strictObject({
  type: z.literal('latency'),
  distribution: latencyDistributionSchema,
});

export const errorRateEffectSchema = z.strictObject({
  type: z.literal('error-rate'),
  /** One draw per request picks at most one of these; the rates must add up to at most 1. */
  errors: z
    .array(
      z.strictObject({ status: statusSchema, rate: z.number().min(0).max(1), code: codeSchema.optional() }),
    )
    .min(1)
    .refine(
      (errors) => errors.reduce((sum, e) => sum + e.rate, 0) <= 1 + 1e-9,
      'the rates add up to more than 1',
    ),
});

/** `request`: cut before the system sees the request; `response`: after it acted, the reply is lost. */
const cutPointSchema = z.enum(['request', 'response']);

export const connectionResetEffectSchema = z.strictObject({
  type: z.literal('connection-reset'),
  /** Default `response`: headers and half the body go out, then a TCP reset. */
  at: cutPointSchema.default('response'),
});

export const emptyReplyEffectSchema = z.strictObject({
  type: z.literal('empty-reply'),
  /** Default `request`. */
  at: cutPointSchema.default('request'),
});

export const garbageEffectSchema = z.strictObject({
  type: z.literal('garbage'),
  /** How many seeded random non-HTTP bytes are written before the close. Default 64. */
  bytes: z.number().int().min(1).max(65_536).default(64),
  /** Default `request`. */
  at: cutPointSchema.default('request'),
});

export const rateLimitEffectSchema = z.strictObject({
  type: z.literal('rate-limit'),
  /** Leaky bucket: this many requests at once (Bitrix24: 50)… */
  burst: z.number().int().positive().default(50),
  /** …draining at this many per second of clock time (Bitrix24: 2). */
  perSecond: z.number().positive().default(2),
  /** Default: the router's vendor choice (Salesforce 403 REQUEST_LIMIT_EXCEEDED, Bitrix 503 QUERY_LIMIT_EXCEEDED), else 429. */
  status: statusSchema.optional(),
  code: codeSchema.optional(),
});

export const capacityCollapseEffectSchema = z.strictObject({
  type: z.literal('capacity-collapse'),
  /** Arrivals per second of clock time past which the system falls over. The ABS: ~100. */
  thresholdRps: z.number().positive().default(100),
  /** Latency of a request alone. Default 20 ms. */
  baseLatencyMs: z.number().nonnegative().default(20),
  /** Added per request in flight: 100 in flight ≈ 2.5 s with the default 25 ms, as the ABS does. */
  latencyPerInFlightMs: z.number().nonnegative().default(25),
  /** Added to every request while over the threshold; those over it also get 503. Default 2 s. */
  overloadPenaltyMs: z.number().nonnegative().default(2_000),
  /** Ceiling of the computed latency. Default 30 s. */
  maxLatencyMs: z.number().positive().default(30_000),
});
