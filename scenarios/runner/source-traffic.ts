import { decisionRandom } from '../../simulator/faults/index.ts';
import type { Simulator } from '../../simulator/start-simulator.ts';

const UI = { channel: 'ui', client: null } as const;

/**
 * The CRM's and the MDM's users at work: seeded, so a scenario replays the same changes. CRM
 * changes touch the seeded client cards and contacts; MDM changes the clients' legal addresses.
 */
export function sourceTraffic(sim: Simulator, seed: number) {
  const random = decisionRandom(seed, 'scenario-source-traffic', 0);
  const clients = [...sim.abs.store.organisations.keys()];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  let crmChanges = 0;
  let mdmChanges = 0;
  return {
    changeCrm(count: number): void {
      for (let i = 0; i < count; i++) {
        const card = sim.crm.store.findByExternalId('company', pick(clients));
        if (!card) continue;
        crmChanges += 1;
        const digits = String(1_000_000 + crmChanges).slice(-7);
        if (random() < 0.5) sim.crm.store.update('company', card.id, { phone: `+7 495 ${digits}` }, UI);
        else sim.crm.store.update('company', card.id, { email: `office${crmChanges}@example.ru` }, UI);
      }
    },
    changeMdm(count: number): void {
      for (let i = 0; i < count; i++) {
        mdmChanges += 1;
        sim.mdm.store.change(pick(clients), { legalAddress: `Moscow, Lesnaya ${mdmChanges}` });
      }
    },
    get crmChanges() {
      return crmChanges;
    },
    get mdmChanges() {
      return mdmChanges;
    },
  };
}
export type SourceTraffic = ReturnType<typeof sourceTraffic>;
