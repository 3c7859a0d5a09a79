import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import type pg from 'pg';
import type { SyncMetrics } from '../metrics.ts';

/** `GET /metrics`: the instance's registry as Prometheus text; the dead-letter backlog is counted at scrape time. */
export function metricsRoutes(
  metrics: SyncMetrics,
  pool: pg.Pool,
  beforeScrape: () => Promise<void> = async () => {},
): Router {
  const router = Router();
  router.get('/', async (_request, response) => {
    const backlog = await pool
      .query<{ n: string }>('SELECT count(*) AS n FROM dead_letters WHERE redriven_at IS NULL')
      .then((r) => Number(r.rows[0]?.n ?? 0))
      .catch(() => undefined);
    if (backlog !== undefined) metrics.deadLetterBacklog.set(backlog);
    await beforeScrape().catch(() => {});
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

/** Times every request into `httpDuration`, labelled by the route template so ids do not explode the series. */
export function timeRequests(metrics: SyncMetrics) {
  return (request: Request, response: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    response.on('finish', () => {
      const route = request.route?.path ? `${request.baseUrl}${request.route.path}` : 'unmatched';
      end({ route, status: String(response.statusCode) });
    });
    next();
  };
}
