import { systemClock } from '../infra/clock.ts';
import type { EventBus } from '../infra/event-bus.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../simulator/start-simulator.ts';
import {
  type SyncService,
  type SyncServiceOptions,
  startSyncService,
} from '../sync-service/start-sync-service.ts';
import { testDatabase } from './test-database.ts';

export interface TestSystem {
  readonly databaseUrl: string;
  readonly bus: EventBus;
  readonly sim: Simulator;
  readonly sync: SyncService;
  stop(): Promise<void>;
}

/**
 * A simulator and a ready sync service on a fresh database and a memory bus, the way most
 * integration suites need them; `sim` and `sync` add or override options.
 */
export async function startTestSystem(options: {
  readonly name: string;
  readonly seed: number;
  readonly organisations: number;
  readonly accountsPerOrganisation?: number;
  readonly sim?: Partial<SimulatorOptions>;
  readonly sync?: (sim: Simulator) => Partial<SyncServiceOptions>;
}): Promise<TestSystem> {
  const databaseUrl = await testDatabase(options.name);
  const bus = createMemoryBus();
  const sim = await startSimulator({
    seed: options.seed,
    dataset: {
      organisations: options.organisations,
      accountsPerOrganisation: options.accountsPerOrganisation ?? 1,
    },
    bus,
    clock: systemClock,
    ...options.sim,
  });
  const sync = await startSyncService({
    databaseUrl,
    bus,
    absUrl: sim.url,
    clock: systemClock,
    log: createLogger('test', 'silent'),
    ...options.sync?.(sim),
  });
  await sync.ready;
  return {
    databaseUrl,
    bus,
    sim,
    sync,
    async stop() {
      await sync.stop();
      await sim.stop();
      await bus.stop();
    },
  };
}
