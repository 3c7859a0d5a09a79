import { z } from 'zod';
import { faultDurationSchema } from './fault-duration.ts';
import { channelKindOf, EFFECT_CHANNELS, faultEffectSchema } from './fault-effect-schema.ts';
import { isFaultTarget, unknownTargetMessage } from './fault-targets.ts';

const globSchema = z
  .string()
  .min(1)
  .meta({ description: '`*` = any run without `/`, `**` = any run, `?` = one character.' });

export const faultMatchSchema = z.strictObject({
  /** HTTP method(s), any case. */
  method: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** Request path glob, with the mount prefix: `/abs/api/v1/organisations/*`. */
  path: globSchema.optional(),
  /** Topic glob of a message. */
  topic: globSchema.optional(),
  /** Message key glob (the partition key: client or organisation id). */
  key: globSchema.optional(),
});

export const faultWindowSchema = z
  .strictObject({
    /** Clock time after the engine's start when the rule switches on. Default 0. */
    from: faultDurationSchema.default(0),
    /** …and off. Default: never. */
    to: faultDurationSchema.optional(),
  })
  .refine((w) => w.to === undefined || w.to > w.from, { message: 'to must be after from', path: ['to'] });

/**
 * One fault rule, the same in scenario files and over the control API. `window` and
 * `probability` combine; with neither the rule is on for as long as it exists. Probability is
 * drawn per request or message, and once per activation for actions and for holding a feed.
 */
export const faultRuleSchema = z
  .strictObject({
    /** Assigned (`rule-1`, `rule-2`, …) when absent. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, dots, dashes, underscores')
      .optional(),
    /** `system.channel`, one of FAULT_TARGETS: abs.rest, abs.events, crm.rest, crm.events, crm.webhooks, crm.mq, mdm.rest, mdm.mq. */
    target: z.string().refine(isFaultTarget, { error: (issue) => unknownTargetMessage(String(issue.input)) }),
    match: faultMatchSchema.optional(),
    effect: faultEffectSchema,
    window: faultWindowSchema.optional(),
    probability: z.number().min(0).max(1).optional(),
  })
  .superRefine((rule, context) => {
    const kind = channelKindOf(rule.target);
    if (kind && !EFFECT_CHANNELS[rule.effect.type].includes(kind)) {
      context.addIssue({
        code: 'custom',
        path: ['effect', 'type'],
        message: `${rule.effect.type} does nothing on ${rule.target}, ${kind === 'http' ? 'an HTTP' : 'a message'} channel; target ${kind === 'http' ? 'a message' : 'an HTTP'} channel`,
      });
    }
  });

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;
export type FaultMatch = z.output<typeof faultMatchSchema>;
export const faultRulesSchema = z.array(faultRuleSchema);
