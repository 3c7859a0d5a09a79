import pg from 'pg';
import type { Clock } from '../../infra/clock.ts';
import { decisionRandom } from '../../simulator/faults/index.ts';

export interface BankTrafficStats {
  readonly sent: number;
  readonly accepted: number;
  /** Answers other than 202 (the API refusing, or not answering). */
  readonly failed: number;
}

/**
 * The bank's own users at work (the DBO, a branch): seeded changes of client cards' phones through
 * the sync service's API, and now and then a new contact under a fresh bank id. Only cards the
 * cache already holds can be changed, so the list of them is refreshed as the run goes.
 */
export function bankTraffic(options: { syncUrl: string; databaseUrl: string; seed: number; clock: Clock }) {
  const random = decisionRandom(options.seed, 'scenario-bank-traffic', 0);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  let cards: string[] = [];
  let refreshed = 0;
  let sent = 0;
  let accepted = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();

  const refresh = async () => {
    if (Date.now() - refreshed < 500) return;
    refreshed = Date.now();
    const rows = await pool.query<{ id: string }>(
      "SELECT id FROM crm_records WHERE entity = 'company' AND NOT deleted ORDER BY id",
    );
    cards = rows.rows.map((r) => r.id);
  };
  const send = (path: string, method: string, body: unknown) => {
    sent += 1;
    const request = fetch(`${options.syncUrl}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.status === 202) accepted += 1;
        else failed += 1;
      })
      .catch(() => {
        failed += 1;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  return {
    /** Makes `count` more bank-side changes. */
    async change(count: number): Promise<void> {
      if (count <= 0) return;
      await refresh();
      if (cards.length === 0) return;
      for (let i = 0; i < count; i++) {
        const card = cards[Math.floor(random() * cards.length)] as string;
        const changedAt = new Date(options.clock.now()).toISOString();
        if (random() < 0.8) {
          send(`/crm/company/${card}`, 'PATCH', {
            fields: { phone: `+7 812 ${String(1_000_000 + sent).slice(-7)}` },
            changedAt,
          });
        } else {
          const externalId = `bank-contact-${options.seed}-${sent}`;
          send('/crm/contact', 'POST', {
            externalId,
            fields: { companyId: card, firstName: 'Ольга', lastName: `Клиентова-${sent}` },
            changedAt,
          });
        }
      }
    },
    get stats(): BankTrafficStats {
      return { sent, accepted, failed };
    },
    /** Waits for the answers still on their way, then closes the connection pool. */
    async stop(): Promise<void> {
      await Promise.all(inFlight);
      await pool.end();
    },
  };
}
export type BankTraffic = ReturnType<typeof bankTraffic>;
