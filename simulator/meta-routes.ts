import { Router } from 'express';
import { asyncApiRoute } from './asyncapi-route.ts';

/**
 * What the simulator says about itself rather than as a source system: its AsyncAPI document and
 * `/health/live` for the container's HEALTHCHECK. No fault rule reaches them, so a scenario's
 * outage of the ABS or the CRM never makes the container look unhealthy.
 */
export function metaRoutes(): Router {
  const router = Router();
  router.get('/asyncapi.json', asyncApiRoute());
  router.get('/health/live', (_request, response) => {
    response.json({ status: 'up' });
  });
  return router;
}
