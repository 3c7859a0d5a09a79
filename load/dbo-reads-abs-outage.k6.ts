/**
 * DBO reads during an ABS outage: the internet bank reads organisations' accounts and client cards
 * from the cache at a constant rate while the ABS answers 503 and holds its events. Every read must
 * be 200 with an `asOf` stamp. The script switches the outage on and off itself through the
 * simulator's control API; a scenario that drives the outage from its timeline passes
 * ABS_OUTAGE=external.
 */
import { check } from 'k6';
import http from 'k6/http';
import type { Options } from 'k6/options';
import { constantArrival } from './lib/arrival-rate.ts';
import { apiHeaders, numberEnv, type Target, target } from './lib/target.ts';
import { thresholds } from './lib/thresholds.ts';

export const options: Options = {
  scenarios: {
    reads: constantArrival(40),
  },
  thresholds: thresholds(numberEnv('P95_MS', 300), numberEnv('P99_MS', 800)),
};

const OUTAGE_RULES = [
  { id: 'k6-abs-rest-outage', target: 'abs.rest', effect: { type: 'outage', mode: 'unavailable' } },
  { id: 'k6-abs-events-outage', target: 'abs.events', effect: { type: 'outage' } },
];

function control(t: Target, method: 'POST' | 'DELETE', path: string, body?: unknown) {
  return http.request(
    method,
    `${t.simUrl}/_control${path}`,
    body === undefined ? null : JSON.stringify(body),
    {
      headers: { authorization: `Bearer ${t.controlToken}`, 'content-type': 'application/json' },
      tags: { name: 'control' },
    },
  );
}

interface SetupData {
  readonly organisations: string[];
}

export function setup(): SetupData {
  const t = target();
  let organisations = (__ENV.ORGANISATION_IDS ?? '').split(',').filter(Boolean);
  if (organisations.length === 0) {
    // Listed from the ABS while it still answers; the reads themselves never go there.
    const listed = http.get(`${t.simUrl}/abs/api/v1/organisations?limit=100`, { tags: { name: 'setup' } });
    const body = listed.json() as { items?: { id: string }[] } | { id: string }[];
    organisations = (Array.isArray(body) ? body : (body.items ?? [])).map((o) => o.id);
  }
  if (organisations.length === 0)
    throw new Error('Failed to list organisations: none in ORGANISATION_IDS or the ABS. Check SIM_URL.');
  if (__ENV.ABS_OUTAGE !== 'external') {
    if (!t.controlToken)
      throw new Error(
        'Failed to switch the ABS outage on: CONTROL_TOKEN is not set. Pass it, or ABS_OUTAGE=external.',
      );
    for (const rule of OUTAGE_RULES) {
      const answer = control(t, 'POST', '/faults/rules', rule);
      if (answer.status !== 201)
        throw new Error(
          `Failed to switch the ABS outage on: control API answered ${answer.status} ${answer.body}.`,
        );
    }
  }
  return { organisations };
}

const served = (r: { status: number; body: unknown }) =>
  r.status === 200 && typeof r.body === 'string' && r.body.includes('"asOf"');

export default function reads(data: SetupData): void {
  const t = target();
  const organisation = data.organisations[Math.floor(Math.random() * data.organisations.length)];
  const accounts = http.get(`${t.syncUrl}/api/v1/organisations/${organisation}/accounts`, {
    headers: apiHeaders(t),
    tags: { name: 'GET /api/v1/organisations/:id/accounts' },
  });
  check(accounts, { 'accounts: 200 with asOf': served });
  const client = http.get(`${t.syncUrl}/api/v1/organisations/${organisation}`, {
    headers: apiHeaders(t),
    tags: { name: 'GET /api/v1/organisations/:id' },
  });
  check(client, { 'organisation: 200 with asOf': served });
}

export function teardown(): void {
  const t = target();
  if (__ENV.ABS_OUTAGE === 'external') return;
  for (const rule of OUTAGE_RULES) control(t, 'DELETE', `/faults/rules/${rule.id}`);
}
