import { Router } from 'express';
import type pg from 'pg';
import type { EventBus } from '../../infra/event-bus.ts';
import { withTimeout } from '../../infra/with-timeout.ts';

export interface HealthDependencies {
  readonly pool: pg.Pool;
  readonly bus: EventBus;
  /** The CRM/MDM feeds' bus when it is another one (RabbitMQ). */
  readonly mq?: EventBus;
  readonly isLoaded: () => boolean;
}

// A hung dependency must turn readiness red quickly, not hang the probe.
const CHECK_TIMEOUT_MS = 2_000;

async function check(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await withTimeout(probe(), CHECK_TIMEOUT_MS, 'timed out');
    return 'up';
  } catch {
    return 'down';
  }
}

/** `/health/live` (the process answers) and `/health/ready` (PostgreSQL, the buses, the initial load). */
export function healthRoutes(dependencies: HealthDependencies): Router {
  const router = Router();
  router.get('/live', (_request, response) => {
    response.json({ status: 'up' });
  });
  router.get('/ready', async (_request, response) => {
    const { pool, bus, mq } = dependencies;
    const [database, events, feeds] = await Promise.all([
      check(() => pool.query('SELECT 1')),
      check(() => bus.ping()),
      mq && mq !== bus ? check(() => mq.ping()) : Promise.resolve(undefined),
    ]);
    const checks = {
      database,
      [bus.kind]: events,
      ...(feeds ? { [`${mq?.kind} (feeds)`]: feeds } : {}),
      initialLoad: dependencies.isLoaded() ? 'done' : 'pending',
    };
    const ok = database === 'up' && events === 'up' && feeds !== 'down' && dependencies.isLoaded();
    response.status(ok ? 200 : 503).json({ status: ok ? 'up' : 'down', checks });
  });
  return router;
}
