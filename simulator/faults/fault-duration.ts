import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;

/**
 * A point or span of clock time in a fault rule: a number of milliseconds, or a string with a unit
 * ("500ms", "30s", "2m", "1h") so scenario files stay readable. Unlike the scenario file's own
 * `durationSchema`, a bare number here is milliseconds: the control API speaks milliseconds.
 */
export const faultDurationSchema = z
  .union([
    z.number().nonnegative(),
    z.string().regex(DURATION, 'write a duration like "500ms", "30s", "2m" or "1h", or a number of ms'),
  ])
  .transform((value) => (typeof value === 'number' ? value : parseDuration(value)))
  .meta({ description: 'Milliseconds, or a string with a unit: "500ms", "30s", "2m", "1h".' });

function parseDuration(text: string): number {
  const [, amount, unit] = DURATION.exec(text.trim()) ?? [];
  return Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
}
