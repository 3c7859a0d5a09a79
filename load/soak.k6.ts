/**
 * A bounded soak: the DBO's reads and the CRM's webhooks together at a steady, modest rate for
 * DURATION (default 2 minutes, at most 30), to show latency and errors stay flat over time rather
 * than creep — a leak or a growing backlog shows up as a rising p99.
 */
import { check } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import type { Options } from 'k6/options';
import { legalEntityInn } from '../contracts/ru/inn.ts';
import { companyWebhook, deliver } from './lib/crm-webhook.ts';
import { apiHeaders, numberEnv, target } from './lib/target.ts';
import { thresholds } from './lib/thresholds.ts';

const duration = __ENV.DURATION || '2m';
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
const soakSeconds = parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNIT_SECONDS[unit] ?? 0), 0);
if (parts.length === 0 || soakSeconds > 30 * 60)
  throw new Error(
    `Failed to start the soak: DURATION=${duration} is not a k6 duration of at most 30m. Pass e.g. DURATION=10m.`,
  );

const rate = numberEnv('RATE', 20);
const steady = (exec_: string) => ({
  executor: 'constant-arrival-rate' as const,
  exec: exec_,
  rate,
  timeUnit: '1s',
  duration,
  preAllocatedVUs: Math.max(2, Math.ceil(rate / 5)),
  maxVUs: Math.max(10, rate),
});

export const options: Options = {
  scenarios: { reads: steady('reads'), webhooks: steady('webhooks') },
  thresholds: thresholds(numberEnv('P95_MS', 300), numberEnv('P99_MS', 800)),
};

interface SetupData {
  readonly organisations: string[];
}

export function setup(): SetupData {
  const t = target();
  const listed = http.get(`${t.simUrl}/abs/api/v1/organisations?limit=100`, { tags: { name: 'setup' } });
  const organisations = ((listed.json() as { items?: { id: string }[] }).items ?? []).map((o) => o.id);
  if (organisations.length === 0)
    throw new Error('Failed to list organisations: the ABS gave none. Check SIM_URL.');
  return { organisations };
}

export function reads(data: SetupData): void {
  const t = target();
  const organisation = data.organisations[exec.scenario.iterationInTest % data.organisations.length];
  const answer = http.get(`${t.syncUrl}/api/v1/organisations/${organisation}/accounts`, {
    headers: apiHeaders(t),
    tags: { name: 'GET /api/v1/organisations/:id/accounts' },
  });
  check(answer, { 'read: 200': (r) => r.status === 200 });
}

export function webhooks(): void {
  const t = target();
  const n = exec.scenario.iterationInTest;
  const id = `k6-soak-${t.runId}-${n}`;
  const body = companyWebhook(
    id,
    legalEntityInn(String(600_000_000 + (n % 100_000_000))),
    1,
    new Date().toISOString(),
  );
  check(deliver(t, body, `${id}-1`, {}), { 'webhook: 2xx': (r) => r.status >= 200 && r.status < 300 });
}
