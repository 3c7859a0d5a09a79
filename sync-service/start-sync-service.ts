import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import pg from 'pg';
import type { Clock } from '../infra/clock.ts';
import type { EventBus, Subscription } from '../infra/event-bus.ts';
import { listen } from '../infra/http-server.ts';
import type { Logger } from '../infra/logger.ts';
import { redeliveryDelayMs } from '../infra/redelivery-backoff.ts';
import { createAbsClient } from './abs/abs-client.ts';
import { initialLoad } from './abs/initial-load.ts';
import { consumeAbsPostings } from './consumers/abs-postings-consumer.ts';
import { migrate } from './db/migrate.ts';
import { accountsRoute } from './read-api/accounts-route.ts';
import { emptySyncStats, type SyncStats } from './sync-stats.ts';

export interface SyncServiceOptions {
  readonly databaseUrl: string;
  readonly bus: EventBus;
  readonly absUrl: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** Consumer group of all instances. Default `corebridge-sync`. */
  readonly groupId?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 inside a container. */
  readonly host?: string;
}

export interface SyncService {
  readonly url: string;
  readonly stats: SyncStats;
  /** Resolves once the initial load is in and the consumers run. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startSyncService(options: SyncServiceOptions): Promise<SyncService> {
  const { log } = options;
  await migrate(options.databaseUrl);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
  // An idle connection the server dropped (restart, failover) is replaced on next use; only log it.
  pool.on('error', (error) => log.warn({ err: error.message }, 'idle database connection lost'));
  const abs = createAbsClient(options.absUrl);
  const stats = emptySyncStats();
  let stopping = false;
  let subscription: Subscription | undefined;
  let isReady = false;

  const app = express();
  app.disable('x-powered-by');
  app.get('/health/live', (_request, response) => {
    response.json({ status: 'up' });
  });
  app.get('/health/ready', async (_request, response) => {
    const database = await pool.query('SELECT 1').then(
      () => 'up',
      () => 'down',
    );
    const ok = database === 'up' && isReady;
    response
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'up' : 'down', database, initialLoad: isReady ? 'done' : 'pending' });
  });
  app.use('/api/v1', accountsRoute(pool));
  const http = await listen(app, options.port, options.host);

  // The ABS may be down at start: keep trying, while the read API already serves what the cache has.
  const ready = (async () => {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        const accounts = await initialLoad(pool, abs, options.clock.now);
        log.info({ accounts }, 'initial load done');
        break;
      } catch (error) {
        log.warn({ err: (error as Error).message, attempt }, 'initial load failed; retrying');
        await sleep(redeliveryDelayMs(attempt));
      }
    }
    if (stopping) return;
    subscription = await consumeAbsPostings({
      bus: options.bus,
      pool,
      abs,
      stats,
      log,
      groupId: options.groupId ?? 'corebridge-sync',
    });
    isReady = true;
  })();

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      await ready.catch(() => {});
      await subscription?.stop();
      await http.close();
      await pool.end();
    })();
    return stopped;
  };
  return { url: http.url, stats, ready, stop, [Symbol.asyncDispose]: stop };
}
