import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../infra/clock.ts';
import type { EventBus } from '../infra/event-bus.ts';
import { freePort } from '../infra/free-port.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { type SyncServiceOptions, startSyncService } from '../sync-service/start-sync-service.ts';
import { testDatabase } from './test-database.ts';

const OTHER_SESSIONS = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;

/** Whether something accepts connections on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = new pg.Client({ host: '127.0.0.1', port, connectionTimeoutMillis: 1_000 });
    socket.connect().then(
      () => socket.end().then(() => resolve(true)),
      (error: NodeJS.ErrnoException) => resolve(error.code !== 'ECONNREFUSED'),
    );
  });

describe('a sync service whose start fails at any step leaves nothing open', () => {
  let databaseUrl: string;
  let observer: pg.Client;
  let bus: EventBus;
  beforeAll(async () => {
    databaseUrl = await testDatabase('start_failure');
    observer = new pg.Client({ connectionString: databaseUrl });
    await observer.connect();
    bus = createMemoryBus();
  });
  afterAll(async () => {
    await observer.end();
    await bus.stop();
  });

  // The ABS is unreachable: a start that got as far as the initial load keeps retrying it.
  const options = (overrides: Partial<SyncServiceOptions>): SyncServiceOptions => ({
    databaseUrl,
    bus,
    absUrl: 'http://127.0.0.1:9',
    webhookSecrets: ['start-failure-secret'],
    clock: systemClock,
    log: createLogger('test', 'silent'),
    ...overrides,
  });
  /** pg_stat_activity drops a session only once its backend has exited: wait for that, briefly. */
  const expectNoSessions = () =>
    vi.waitFor(async () => expect((await observer.query(OTHER_SESSIONS)).rows[0].n).toBe(0), {
      timeout: 5_000,
      interval: 50,
    });
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

  it('a CRM writer with a bad mapping profile: the pool and its slots are released', async () => {
    const crmWriter = {
      flavor: 'bitrix24',
      webhookUrl: 'http://127.0.0.1:9/rest/1/x/',
      profile: { version: 1, flavor: 'bitrix24', entities: {} },
    } as unknown as SyncServiceOptions['crmWriter'];
    await expect(startSyncService(options({ crmWriter }))).rejects.toThrow(/mapping profile/i);
    await expectNoSessions();
  });

  it('a reconciliation cron that does not parse: nothing is left either', async () => {
    await expect(startSyncService(options({ reconcile: { cron: 'every night' } }))).rejects.toThrow(
      /reconciliation/,
    );
    await expectNoSessions();
  });

  it('a port already in use: the inbox processor, the jobs and the pool are released', async () => {
    const port = await freePort();
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startSyncService(options({ port }))).rejects.toThrow(/EADDRINUSE/);
      await expectNoSessions();
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('a bus whose subscribe rejects: `ready` fails with it, and the server and the pool are gone', async () => {
    const port = await freePort();
    const refusing: EventBus = {
      ...bus,
      subscribe: () => Promise.reject(new Error('Failed to join the consumer group: the broker is gone.')),
    };
    const before = timers();
    const sync = await startSyncService(options({ port, bus: refusing }));
    await expect(sync.ready).rejects.toThrow(/broker is gone/);
    expect(await listening(port)).toBe(false);
    await expectNoSessions();
    await vi.waitFor(() => expect(timers()).toBeLessThanOrEqual(before), { timeout: 5_000 });
    await sync.stop();
  });

  it('a stop while the initial load is retrying releases everything at once, without waiting out the backoff', async () => {
    const port = await freePort();
    const before = timers();
    const sync = await startSyncService(options({ port }));
    expect(await listening(port)).toBe(true);
    // Let the initial load fail a few times, so the backoff between attempts has grown.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stopping = Date.now();
    await sync.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
    await sync.ready;
    expect(await listening(port)).toBe(false);
    await expectNoSessions();
    await vi.waitFor(() => expect(timers()).toBeLessThanOrEqual(before), { timeout: 5_000 });
  });
});
