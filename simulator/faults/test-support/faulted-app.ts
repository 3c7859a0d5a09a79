import express, { Router } from 'express';
import { listen } from '../../../infra/http-server.ts';
import type { FaultEngine } from '../fault-engine.ts';
import { type HttpFaultOptions, httpFaults } from '../http-faults.ts';

export const ORGANISATIONS = {
  items: [
    { id: 'org-1', name: 'Alpha LLC', updatedAt: '2026-01-01T10:00:00.000Z' },
    { id: 'org-2', name: 'Beta JSC', updatedAt: '2026-01-02T10:00:00.000Z' },
  ],
  total: 2,
};

/**
 * A small ABS-like API behind `httpFaults`: a list to corrupt and skew, a POST whose side effect
 * shows whether the system acted before the connection was cut.
 */
export async function startFaultedApp(
  engine: FaultEngine,
  target = 'abs.rest',
  options: HttpFaultOptions = {},
) {
  const created: string[] = [];
  const router = Router();
  router.use(httpFaults(engine, target, options));
  router.get('/organisations', (_request, response) => {
    response.json(ORGANISATIONS);
  });
  router.get('/organisations/:id', (request, response) => {
    response.json({ id: request.params.id });
  });
  router.post('/cards', express.json(), (request, response) => {
    const id = `card-${created.length + 1}`;
    created.push(String(request.body?.name ?? id));
    response.status(201).json({ id, padding: 'x'.repeat(2_000) });
  });
  const app = express();
  app.set('etag', false);
  app.use('/abs/api/v1', router);
  const http = await listen(app);
  return {
    url: http.url,
    created,
    close: http.close,
    [Symbol.asyncDispose]: http.close,
  };
}
