import { Router } from 'express';
import type pg from 'pg';
import type { EventBus } from '../../infra/event-bus.ts';
import { type CheckResult, readinessCheck } from './readiness-check.ts';

export interface HealthDependencies {
  readonly pool: pg.Pool;
  readonly bus: EventBus;
  /** The CRM/MDM feeds' bus when it is another one (RabbitMQ). */
  readonly mq?: EventBus;
  readonly isLoaded: () => boolean;
}

/**
 * `/health/live` (the process answers) and `/health/ready` (PostgreSQL, the buses, the initial load).
 * The checks run at once, each under its own timeout, so the answer comes within about one timeout
 * however many dependencies hang; `checks` says up/down per dependency, `failures` why each is down.
 */
export function healthRoutes(dependencies: HealthDependencies): Router {
  const router = Router();
  router.get('/live', (_request, response) => {
    response.json({ status: 'up' });
  });
  router.get('/ready', async (_request, response) => {
    const { pool, bus, mq } = dependencies;
    const probes: [string, () => Promise<unknown>][] = [
      ['database', () => pool.query('SELECT 1')],
      [bus.kind, () => bus.ping()],
      ...(mq && mq !== bus
        ? [[`${mq.kind} (feeds)`, () => mq.ping()] as [string, () => Promise<unknown>]]
        : []),
    ];
    const results = await Promise.all(
      probes.map(async ([name, probe]) => [name, await readinessCheck(probe)] as const),
    );
    const checks: Record<string, string> = {};
    const failures: Record<string, string> = {};
    for (const [name, result] of results as (readonly [string, CheckResult])[]) {
      checks[name] = result.state;
      if (result.state === 'down') failures[name] = result.reason;
    }
    const loaded = dependencies.isLoaded();
    checks.initialLoad = loaded ? 'done' : 'pending';
    const failing = Object.keys(failures).length > 0;
    const ok = !failing && loaded;
    response
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'up' : 'down', checks, ...(failing ? { failures } : {}) });
  });
  return router;
}
