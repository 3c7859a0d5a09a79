import type { SyncService } from '../../sync-service/start-sync-service.ts';

/**
 * What the runner needs of the sync service under test, whether it runs in the runner's process or
 * as a process of its own: where it serves, when it is ready, how far it got. Reads beyond these go
 * to the database (the checkers) or over HTTP, never into the instance's memory.
 */
export interface SyncUnderTest {
  /** Stays the same across restarts: the DBO's reads and the CRM's webhooks keep their address. */
  readonly url: string;
  /** Resolves once the running instance has its initial load in and its consumers running. */
  whenReady(): Promise<void>;
  /** Changes the running instance applied (a restarted one starts from 0); for progress only. */
  applied(): number;
  stop(): Promise<void>;
}

/** A sync service that can be killed mid-work and started again on the same database, buses and port. */
export interface CrashableSync extends SyncUnderTest {
  /**
   * Kills the running instance with no graceful stop; resolves once it can do nothing more, with
   * the number of database transactions it had open at the kill.
   */
  crash(): Promise<{ readonly transactionsInFlight: number }>;
  /** Starts a new instance; resolves once it serves HTTP (its initial load may still be running). */
  restart(): Promise<void>;
}

/** The plain in-process service, for scenarios that do not crash it. */
export function inProcessSync(sync: SyncService): SyncUnderTest {
  return {
    url: sync.url,
    whenReady: () => sync.ready,
    applied: () => sync.stats.applied,
    stop: () => sync.stop(),
  };
}
