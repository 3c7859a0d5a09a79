/**
 * Where a load script aims and with what, from the environment `npm run load` (or the scenario
 * runner) passes: k6 scripts read `__ENV`, never a file or a default host.
 */
export interface Target {
  /** The sync service: read API and webhook intake. */
  readonly syncUrl: string;
  /** The simulator (ABS, CRM, MDM, control API). */
  readonly simUrl: string;
  /** Bearer token of the simulator's control API; empty when the script may not set faults. */
  readonly controlToken: string;
  readonly webhookSecret: string;
  /** Bearer token for the sync service's read and write APIs (TOKEN); empty when it runs with --no-auth. */
  readonly token: string;
  /** A distinct prefix for the ids this run creates, so runs against one stack never collide. */
  readonly runId: string;
}

function required(name: string): string {
  const value = __ENV[name];
  if (!value)
    throw new Error(
      `Failed to read ${name}: it is not set. Run the script with \`npm run load -- <script>\`, which sets it.`,
    );
  return value;
}

export function target(): Target {
  return {
    syncUrl: required('SYNC_URL'),
    simUrl: __ENV.SIM_URL ?? '',
    controlToken: __ENV.CONTROL_TOKEN ?? '',
    webhookSecret: __ENV.WEBHOOK_SECRET ?? '',
    token: __ENV.TOKEN ?? '',
    runId: __ENV.RUN_ID || `${Date.now().toString(36)}`,
  };
}

/** Headers for a call to the sync service's APIs: its bearer token, when there is one. */
export function apiHeaders(t: Target): Record<string, string> {
  return t.token ? { authorization: `Bearer ${t.token}` } : {};
}

/** A number from the environment, with its default. */
export function numberEnv(name: string, fallback: number): number {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`Failed to read ${name}: "${raw}" is not a number ≥ 0. Pass e.g. ${name}=${fallback}.`);
  return value;
}

/**
 * Now on the system's clock, in ms. A scenario compresses time (speed 20: a minute in 3 s), and the
 * intake refuses a signature more than 300 s off its clock, so k6 signs with the scenario's time:
 * `CLOCK_AT_START_MS` was the system's clock when `REAL_AT_START_MS` was the wall clock.
 */
export function systemNow(): number {
  const speed = numberEnv('CLOCK_SPEED', 1);
  const clockAtStart = numberEnv('CLOCK_AT_START_MS', 0);
  const realAtStart = numberEnv('REAL_AT_START_MS', 0);
  if (clockAtStart === 0 || realAtStart === 0) return Date.now();
  return clockAtStart + (Date.now() - realAtStart) * speed;
}
