import type { EventBus } from '../../../infra/event-bus.ts';
import { withTimeout } from '../../../infra/with-timeout.ts';
import type { SyncService } from '../../../sync-service/start-sync-service.ts';
import type { CrashableSync } from '../sync-under-test.ts';
import { type CrashableBus, crashableBus } from './crashable-bus.ts';
import { type SocketRelay, startSocketRelay } from './socket-relay.ts';
import { terminateBackends } from './terminate-backends.ts';
import { transactionsInFlight } from './transactions-in-flight.ts';

/** What one instance is started with: its own tagged database URL, source URLs, bus views and port. */
export interface InstanceWiring {
  readonly databaseUrl: string;
  readonly absUrl: string;
  readonly mdmUrl: string;
  readonly bus: EventBus;
  readonly mq?: EventBus;
  readonly port: number;
}

export interface EmulatedCrashOptions {
  /** The port the service is known by (webhooks, reads); instances sit behind it. */
  readonly port: number;
  readonly databaseUrl: string;
  /** The simulator, which serves the ABS and the MDM. */
  readonly sourcesUrl: string;
  readonly bus: EventBus;
  readonly mq?: EventBus | undefined;
  readonly start: (wiring: InstanceWiring) => Promise<SyncService>;
}

interface Instance {
  readonly sync: SyncService;
  readonly database: SocketRelay;
  readonly sources: SocketRelay;
  readonly buses: readonly CrashableBus[];
  readonly applicationName: string;
}

/** How long the leftovers of a crashed instance get to wind down at the end of the run. */
const LEFTOVER_STOP_MS = 3_000;

/**
 * A crash of an in-process sync service, for the memory bus, where the bus lives in the runner's
 * process and a real SIGKILL would take the whole run with it. It is an emulation, and as faithful
 * as one process allows: the instance is abandoned, never stopped. Its HTTP connections are reset
 * and its port answers nothing until a new instance is up; its database connections are cut at a
 * relay and their backends terminated, so in-flight transactions roll back, and it cannot connect
 * again; its calls to the ABS and the MDM are cut the same way; its consumers leave their groups
 * without committing the batch in hand. What it cannot do is stop the dead instance's JavaScript:
 * code already running (a handler, a retry loop) runs on, but it reaches neither the database, nor
 * the bus, nor the sources, nor its clients. The new instance shares no memory with the old one
 * (the service keeps no module-level state): `start` builds it from scratch, as a new process would.
 */
export async function startEmulatedCrashSync(options: EmulatedCrashOptions): Promise<CrashableSync> {
  const front = await startSocketRelay(options.port);
  const target = new URL(options.databaseUrl);
  const simulator = new URL(options.sourcesUrl);
  const leftovers: Instance[] = [];
  let launched = 0;

  const launch = async (): Promise<Instance> => {
    launched += 1;
    const applicationName = `corebridge-sync-crashable-${launched}`;
    const database = await startSocketRelay(0, {
      host: target.hostname,
      port: Number(target.port || 5432),
    });
    const sources = await startSocketRelay(0, { host: simulator.hostname, port: Number(simulator.port) });
    const sourcesUrl = `http://127.0.0.1:${sources.port}${simulator.pathname.replace(/\/$/, '')}`;
    const url = new URL(options.databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(database.port);
    url.searchParams.set('application_name', applicationName);
    const bus = crashableBus(options.bus);
    const mq = options.mq ? crashableBus(options.mq) : undefined;
    const sync = await options.start({
      databaseUrl: url.toString(),
      absUrl: sourcesUrl,
      mdmUrl: sourcesUrl,
      bus,
      mq,
      port: 0,
    });
    // A crash mid-startup makes the dead instance's readiness fail later, with no one waiting for it.
    sync.ready.catch(() => {});
    front.forwardTo({ host: '127.0.0.1', port: Number(new URL(sync.url).port) });
    return { sync, database, sources, buses: mq ? [bus, mq] : [bus], applicationName };
  };

  let current: Instance | undefined = await launch();
  return {
    url: `http://127.0.0.1:${front.port}`,
    whenReady: async () => {
      if (!current) throw new Error('Failed to wait for the sync service: it is down. Restart it first.');
      await current.sync.ready;
    },
    applied: () => current?.sync.stats.applied ?? 0,
    async crash() {
      const dead = current;
      if (!dead) return { transactionsInFlight: 0 };
      current = undefined;
      // Read just before the kill, as for a process: once cut, the server drops the connections within moments.
      const transactions = await transactionsInFlight(options.databaseUrl, dead.applicationName);
      front.forwardTo(undefined);
      front.cut();
      for (const bus of dead.buses) bus.crash();
      await Promise.all([dead.database.close(), dead.sources.close()]);
      leftovers.push(dead);
      await terminateBackends(options.databaseUrl, dead.applicationName);
      return { transactionsInFlight: transactions };
    },
    async restart() {
      current ??= await launch();
    },
    async stop() {
      if (current) {
        await current.sync.stop();
        await Promise.all([current.database.close(), current.sources.close()]);
      }
      // Winds down the dead instances' timers; they can reach nothing, so whatever they were doing fails fast.
      await Promise.all(
        leftovers.map((dead) =>
          withTimeout(dead.sync.stop(), LEFTOVER_STOP_MS, 'leftover still stopping').catch(() => {}),
        ),
      );
      await front.close();
    },
  };
}
