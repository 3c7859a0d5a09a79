/**
 * What a suite does when a tool it drives (k6, Chromium) is missing: in CI (`CI=true`) it runs and
 * fails with `reason`, so provisioning gaps never pass unnoticed; elsewhere it skips and prints why.
 * Returns true when the suite should skip.
 */
export function skipWithoutTool(suite: string, reason: string | undefined): boolean {
  if (reason === undefined) return false;
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (ci) return false;
  process.stderr.write(`${suite} skipped: ${reason}\n`);
  return true;
}
