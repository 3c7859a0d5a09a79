import { z } from 'zod';
import { avalancheEffectSchema, greyEditEffectSchema } from './action-effect-schemas.ts';
import {
  capacityCollapseEffectSchema,
  connectionResetEffectSchema,
  emptyReplyEffectSchema,
  errorRateEffectSchema,
  garbageEffectSchema,
  latencyEffectSchema,
  maintenanceEffectSchema,
  outageEffectSchema,
  rateLimitEffectSchema,
} from './http-effect-schemas.ts';
import {
  clockSkewEffectSchema,
  delayEffectSchema,
  duplicateEffectSchema,
  malformedEffectSchema,
  oversizedEffectSchema,
  reorderEffectSchema,
  sequenceGapEffectSchema,
} from './message-effect-schemas.ts';

/** What a rule does, discriminated on `type`. */
export const faultEffectSchema = z.discriminatedUnion('type', [
  outageEffectSchema,
  maintenanceEffectSchema,
  latencyEffectSchema,
  errorRateEffectSchema,
  connectionResetEffectSchema,
  emptyReplyEffectSchema,
  garbageEffectSchema,
  rateLimitEffectSchema,
  capacityCollapseEffectSchema,
  sequenceGapEffectSchema,
  duplicateEffectSchema,
  reorderEffectSchema,
  delayEffectSchema,
  oversizedEffectSchema,
  malformedEffectSchema,
  clockSkewEffectSchema,
  greyEditEffectSchema,
  avalancheEffectSchema,
]);

export type FaultEffect = z.output<typeof faultEffectSchema>;
export type FaultEffectType = FaultEffect['type'];
export type EffectOf<T extends FaultEffectType> = Extract<FaultEffect, { type: T }>;

/** The kind of channel an effect acts on. Outage and maintenance also hold message feeds (`isDown`). */
export type ChannelKind = 'http' | 'message';

export const EFFECT_CHANNELS: Readonly<Record<FaultEffectType, readonly ChannelKind[]>> = {
  outage: ['http', 'message'],
  maintenance: ['http', 'message'],
  latency: ['http'],
  'error-rate': ['http'],
  'connection-reset': ['http'],
  'empty-reply': ['http'],
  garbage: ['http'],
  'rate-limit': ['http'],
  'capacity-collapse': ['http'],
  'sequence-gap': ['message'],
  duplicate: ['message'],
  reorder: ['message'],
  delay: ['message'],
  oversized: ['message'],
  malformed: ['http', 'message'],
  'clock-skew': ['http', 'message'],
  'grey-edit': ['http', 'message'],
  avalanche: ['http', 'message'],
};

export type ActionEffectType = 'grey-edit' | 'avalanche';

export function isActionEffect(effect: FaultEffect): effect is EffectOf<ActionEffectType> {
  return effect.type === 'grey-edit' || effect.type === 'avalanche';
}

/** The effects an adapter of `kind` applies to traffic (actions are fired by the engine instead). */
export function trafficEffectsOf(kind: ChannelKind): ReadonlySet<FaultEffectType> {
  const types = Object.keys(EFFECT_CHANNELS) as FaultEffectType[];
  return new Set(
    types.filter(
      (type) => EFFECT_CHANNELS[type].includes(kind) && type !== 'grey-edit' && type !== 'avalanche',
    ),
  );
}

/**
 * The kind of a target from its channel suffix: `abs.rest` is HTTP; `abs.events`, `crm.mq`,
 * `crm.webhooks` carry messages (webhooks go out over HTTP, but what can go wrong with them is
 * what goes wrong with messages: loss, duplicates, reordering). Unknown suffixes: undefined.
 */
export function channelKindOf(target: string): ChannelKind | undefined {
  const channel = target.slice(target.lastIndexOf('.') + 1);
  if (channel === 'rest') return 'http';
  if (channel === 'events' || channel === 'mq' || channel === 'webhooks') return 'message';
  return undefined;
}
