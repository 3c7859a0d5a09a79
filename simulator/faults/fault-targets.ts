/** Every channel a fault rule can act on: `system.channel`, as the simulator's systems wire them. */
export const FAULT_TARGETS = [
  'abs.rest',
  'abs.events',
  'crm.rest',
  'crm.events',
  'crm.webhooks',
  'crm.mq',
  'mdm.rest',
  'mdm.mq',
] as const;

export type FaultTarget = (typeof FAULT_TARGETS)[number];

export const isFaultTarget = (target: string): target is FaultTarget =>
  (FAULT_TARGETS as readonly string[]).includes(target);

/** Edit distance, for a "did you mean" on a mistyped target. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Why a target is refused, with the nearest known one when it looks like a typo. */
export function unknownTargetMessage(target: string): string {
  const nearest = [...FAULT_TARGETS].sort((a, b) => distance(target, a) - distance(target, b))[0] as string;
  const hint = distance(target, nearest) <= 3 ? ` Did you mean ${nearest}?` : '';
  return `${target} is not a channel of the simulator; use one of ${FAULT_TARGETS.join(', ')}.${hint}`;
}
