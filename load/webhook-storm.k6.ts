/**
 * Webhook storm: CRM webhooks at a constant arrival rate (RATE per second for DURATION), each
 * iteration a new client card, with the deliveries a real sender makes mixed in — one in ten
 * delivered twice under fresh keys (a sender that lost track), one in ten replayed under its own
 * key (a retry), one in ten updated and delivered out of order (version 2 before version 1).
 * Every answer must be 2xx; the sequencer drops what is old or seen.
 */
import { check } from 'k6';
import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { legalEntityInn } from '../contracts/ru/inn.ts';
import { constantArrival } from './lib/arrival-rate.ts';
import { companyWebhook, deliver } from './lib/crm-webhook.ts';
import { numberEnv, target } from './lib/target.ts';
import { thresholds } from './lib/thresholds.ts';

export const options: Options = {
  scenarios: {
    storm: constantArrival(40),
  },
  thresholds: thresholds(numberEnv('P95_MS', 500), numberEnv('P99_MS', 1_000)),
};

const accepted = (r: { status: number }) => r.status >= 200 && r.status < 300;

export default function storm(): void {
  const t = target();
  const n = exec.scenario.iterationInTest;
  const id = `k6-${t.runId}-${n}`;
  // INNs outside the simulator's world (which starts at 77...), one per client.
  // A valid INN (the CRM's rules and the intake check its control digit), one per client.
  const inn = legalEntityInn(String(500_000_000 + (n % 100_000_000)));
  const at = new Date().toISOString();
  const created = companyWebhook(id, inn, 1, at);
  const kind = n % 10;
  if (kind === 3) {
    // Out of order: the update overtakes the creation; the gap is closed with the update's full state.
    const updated = companyWebhook(id, inn, 2, at);
    check(deliver(t, updated, `${id}-2`, { delivery: 'out-of-order' }), { 'update first: 2xx': accepted });
    check(deliver(t, created, `${id}-1`, { delivery: 'out-of-order' }), { 'late creation: 2xx': accepted });
    return;
  }
  check(deliver(t, created, `${id}-1`, { delivery: 'first' }), { 'delivery: 2xx': accepted });
  if (kind === 1)
    check(deliver(t, created, `${id}-1-again`, { delivery: 'duplicate' }), { 'duplicate: 2xx': accepted });
  if (kind === 2)
    check(deliver(t, created, `${id}-1`, { delivery: 'replay' }), {
      'replay: same answer': (r) => accepted(r) && r.headers['Idempotent-Replayed'] === 'true',
    });
}
