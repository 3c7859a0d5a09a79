import pg from 'pg';
import type { Logger } from '../../infra/logger.ts';
import { syncDefaults } from '../defaults.ts';

export interface PoolOptions {
  readonly databaseUrl: string;
  readonly log: Logger;
  /** Connections at most. Default `syncDefaults.poolMax`. */
  readonly max?: number;
}

/**
 * The service's connection pool. A connection the server drops (restart, failover, a terminated
 * backend) fails the query in flight on it and leaves the pool; it must never take the process
 * down. node-postgres emits `error` on a client that is checked out when its socket dies (an
 * idle one reports to the pool instead), and an `error` event nobody listens to is an uncaught
 * exception: every client therefore gets a listener for its whole life.
 */
export function createPool(options: PoolOptions): pg.Pool {
  const { log } = options;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.max ?? syncDefaults.poolMax,
    connectionTimeoutMillis: 5_000,
  });
  pool.on('connect', (client) =>
    client.on('error', (error) => log.warn({ err: error.message }, 'database connection lost')),
  );
  // The pool also reports an idle client's error, after the client's own listener has logged it.
  pool.on('error', () => {});
  return pool;
}
