/** Delay before redelivering a batch whose handler failed: exponential with full jitter, capped. */
export function redeliveryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(5_000, 50 * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
