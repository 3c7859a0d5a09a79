import { afterAll, beforeAll } from 'vitest';
import type { EventBus } from '../../infra/event-bus.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import type { CrmFlavor } from '../../simulator/crm/crm-flavor.ts';
import { type Simulator, startSimulator } from '../../simulator/start-simulator.ts';

/** After the CRM pacts' `since` (2026-11-21T10:00Z), so what provider states change counts as changed since. */
export const PACT_CLOCK_START = Date.UTC(2026, 10, 21, 12);

/**
 * A simulator in one CRM flavor for a provider verification, started before the file's tests and
 * stopped after, on a clock that starts at PACT_CLOCK_START and runs at real speed.
 */
export function crmProviderSimulator(
  flavor: CrmFlavor,
  organisations: number,
): { sim(): Simulator; bus: EventBus } {
  const bus = createMemoryBus();
  const started = Date.now();
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 17,
      dataset: { organisations, accountsPerOrganisation: 1 },
      bus,
      clock: { now: () => PACT_CLOCK_START + (Date.now() - started) },
      crmFlavor: flavor,
    });
  });
  afterAll(async () => {
    await sim?.stop();
    await bus.stop();
  });
  return {
    bus,
    sim() {
      if (!sim) throw new Error('The provider simulator is not started yet: use it inside a test.');
      return sim;
    },
  };
}
