import { z } from 'zod';
import { MAX_MESSAGE_BYTES } from '../../infra/event-bus.ts';

/** Effects on outgoing messages (Kafka events, MQ feeds, webhooks), applied by `messageFaults`. */

export const sequenceGapEffectSchema = z.strictObject({
  type: z.literal('sequence-gap'),
  /**
   * `true` (default): the message is lost after it got its sequence number, so the consumer sees
   * N, N+2 and can detect the gap. `false`: it is lost before, the next message reuses the number,
   * and only a comparison with the source's reference log can tell.
   */
  consumeNumber: z.boolean().default(true),
});

export const duplicateEffectSchema = z.strictObject({
  type: z.literal('duplicate'),
  /** Extra copies of the message. Default 1. */
  copies: z.number().int().min(1).max(10).default(1),
  /** 0 (default): copies follow the original at once, like a producer retry; else they come this much later. */
  delayMs: z.number().nonnegative().default(0),
});

export const reorderEffectSchema = z
  .strictObject({
    type: z.literal('reorder'),
    /** Collect this many matching messages and publish them shuffled. */
    withinMessages: z.number().int().min(2).max(10_000).optional(),
    /** Or: hold each matching message a random 0..withinMs, so they overtake each other. */
    withinMs: z.number().positive().optional(),
    /** A partly filled `withinMessages` window goes out (shuffled) after this long. Default 1 s. */
    maxHoldMs: z.number().positive().default(1_000),
  })
  .refine((e) => (e.withinMessages === undefined) !== (e.withinMs === undefined), {
    message: 'give exactly one of withinMessages and withinMs',
  });

export const delayEffectSchema = z.strictObject({
  type: z.literal('delay'),
  /** Clock time the message is held. Default 5 s. */
  ms: z.number().nonnegative().default(5_000),
  /** Plus a uniform 0..jitterMs, seeded. Default 0. */
  jitterMs: z.number().nonnegative().default(0),
});

export const oversizedEffectSchema = z.strictObject({
  type: z.literal('oversized'),
  /** Size the message is padded to. Default one byte over the bus limit, so the publish fails. */
  bytes: z
    .number()
    .int()
    .positive()
    .max(64 * MAX_MESSAGE_BYTES)
    .default(MAX_MESSAGE_BYTES + 1),
  /** Top-level JSON field that carries the padding, so the payload stays valid JSON. */
  field: z.string().min(1).default('_padding'),
});

export const malformedEffectSchema = z.strictObject({
  type: z.literal('malformed'),
  /**
   * `truncate` (default) cuts the JSON at a seeded point; `corrupt-bytes` overwrites a few bytes
   * with invalid UTF-8; `drop-field` removes a seeded top-level field, so it parses but fails the
   * schema. On HTTP it corrupts the reply body.
   */
  mode: z.enum(['truncate', 'corrupt-bytes', 'drop-field']).default('truncate'),
});

export const clockSkewEffectSchema = z.strictObject({
  type: z.literal('clock-skew'),
  /** How far the source's clock is off; negative = behind. */
  ms: z.number().int(),
  /**
   * JSON path of timestamps to shift, dotted, `*` for every array element or key
   * (`postings.*.bookedAt`). ISO strings and epoch-millisecond numbers are shifted. Without it only
   * `now()` of the stage and the HTTP Date header are skewed.
   */
  field: z.string().min(1).optional(),
});
