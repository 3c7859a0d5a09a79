import pg from 'pg';
import type { Clock } from '../../infra/clock.ts';
import type { Simulator } from '../../simulator/start-simulator.ts';

const UI = { channel: 'ui', client: null } as const;

export interface InjectedConflict {
  readonly cardId: string;
  readonly field: 'phone' | 'legalAddress';
}

/**
 * Incident I8 on `cards` cached client cards at once: a CRM user changes the card's phone and the
 * bank changes it too, a moment later by the bank's clock (a shared field: the later source time
 * must win); and the CRM user changes the card's legal address (a bank-owned field: the bank's
 * address must stay).
 * Returns the conflicts the sync service must record.
 */
export async function conflictingEdits(options: {
  sim: Simulator;
  syncUrl: string;
  databaseUrl: string;
  clock: Clock;
  cards: number;
  round: number;
}): Promise<InjectedConflict[]> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  try {
    const rows = await pool.query<{ id: string }>(
      "SELECT id FROM crm_records WHERE entity = 'company' AND NOT deleted ORDER BY id LIMIT $1",
      [options.cards],
    );
    const injected: InjectedConflict[] = [];
    for (const { id } of rows.rows) {
      options.sim.crm.store.update(
        'company',
        id,
        {
          phone: `+7 383 ${options.round}00-00-${id.padStart(2, '0')}`,
          legalAddress: `г. Новосибирск, ул. Ленина, д. ${options.round}`,
        },
        UI,
      );
      const response = await fetch(`${options.syncUrl}/api/v1/crm/company/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          fields: { phone: `+7 812 ${options.round}00-00-${id.padStart(2, '0')}` },
          changedAt: new Date(options.clock.now() + 1).toISOString(),
        }),
      });
      await response.arrayBuffer();
      if (response.status !== 202)
        throw new Error(
          `Failed to inject a conflicting edit: the bank's change of card ${id} got HTTP ${response.status}.`,
        );
      injected.push({ cardId: id, field: 'phone' }, { cardId: id, field: 'legalAddress' });
    }
    return injected;
  } finally {
    await pool.end();
  }
}
