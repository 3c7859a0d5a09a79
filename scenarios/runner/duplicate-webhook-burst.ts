import { legalEntityInn } from '../../contracts/ru/inn.ts';
import { signatureHeader } from '../../contracts/webhooks/webhook-signature.ts';
import type { Clock } from '../../infra/clock.ts';
import type { Simulator } from '../../simulator/start-simulator.ts';

export interface BurstResult {
  readonly inn: string;
  readonly deliveries: number;
  /** Deliveries the intake answered 2xx or 409 (in progress: the sender retries it). */
  readonly answered: number;
  readonly failed: number;
}

/**
 * Incident I5: a new client is created in the CRM and its creation webhook arrives `deliveries`
 * times at once — half under one idempotency key (a sender retrying), half under fresh keys (a
 * sender that lost track). The cache must hold exactly one card for it.
 */
export async function duplicateWebhookBurst(
  sim: Simulator,
  intake: { readonly url: string; readonly secret: string },
  deliveries: number,
  clock: Clock,
  burst: number,
): Promise<BurstResult> {
  // A valid INN (its check digit computed), new for every burst: the card must pass the CRM's rules.
  const inn = legalEntityInn(String(770_000_000 + burst * 7_919));
  const origin = { channel: 'ui', client: null } as const;
  const record = sim.crm.store.create(
    'company',
    {
      name: `Burst ${burst} LLC`,
      inn,
      kpp: null,
      ogrn: null,
      segment: 'small',
      phone: null,
      email: null,
      legalAddress: null,
      custom: {},
    },
    origin,
  );
  const body = JSON.stringify({
    deliveryId: `burst-${record.id}`,
    change: {
      entity: 'company',
      id: record.id,
      operation: 'create',
      sequence: 1,
      changedFields: ['name'],
      origin,
      at: record.createdAt,
    },
    record,
  });
  const signature = signatureHeader(intake.secret, body, Math.floor(clock.now() / 1000));
  const answers = await Promise.all(
    Array.from({ length: deliveries }, (_, i) =>
      fetch(intake.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-corebridge-signature': signature,
          'idempotency-key': i % 2 === 0 ? `burst-${record.id}` : `burst-${record.id}-${i}`,
        },
        body,
      }).then(
        (response) => response.status,
        () => 0,
      ),
    ),
  );
  const answered = answers.filter((s) => (s >= 200 && s < 300) || s === 409).length;
  return { inn, deliveries, answered, failed: deliveries - answered };
}
