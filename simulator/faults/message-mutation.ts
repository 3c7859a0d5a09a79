import type { FaultDecision } from './fault-engine.ts';
import { corruptJson } from './json-corruption.ts';
import { padPayload } from './json-padding.ts';
import { shiftJsonTimestamps } from './json-time-shift.ts';

/**
 * The effects that change a message's bytes rather than its fate: oversized, malformed, clock
 * skew of a field. Returns the new value and journals it, or undefined for any other effect.
 */
export function mutateValue(
  value: Buffer | string,
  decision: FaultDecision,
  where: { readonly topic: string; readonly key: string },
): Buffer | undefined {
  const { effect } = decision.rule;
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
  switch (effect.type) {
    case 'oversized': {
      const padded = padPayload(bytes, effect.bytes, effect.field);
      decision.record({ ...where, bytes: padded.length });
      return padded;
    }
    case 'malformed': {
      const corrupted = corruptJson(bytes, effect.mode, decision.random);
      decision.record({ ...where, ...corrupted.detail });
      return corrupted.body;
    }
    case 'clock-skew': {
      // Without a field the skew is only in `now()`, which the feed stamps messages with.
      if (!effect.field) return undefined;
      const skewed = shiftJsonTimestamps(bytes, effect.field, effect.ms);
      decision.record({ ...where, ms: effect.ms, field: effect.field, shifted: skewed.shifted });
      return skewed.body;
    }
    default:
      return undefined;
  }
}
