import { type Request, type Response, Router } from 'express';
import type { Clock } from '../../../infra/clock.ts';
import type { CrmStore } from '../crm-store.ts';
import { type QueryCursor, QueryCursors } from './query-cursors.ts';
import { SalesforceApiError } from './salesforce-api-error.ts';
import { prepareSoql } from './soql/soql-binder.ts';
import { type SoqlSource, selectRecords, shapeRow } from './soql/soql-evaluator.ts';

/** Salesforce's largest query batch; `Sforce-Query-Options: batchSize=` may ask for 200..2000. */
export const MAX_QUERY_BATCH = 2000;
const MIN_REQUESTED_BATCH = 200;

/**
 * `GET /query?q=` and `/queryAll?q=` run SOQL and answer the first batch; `GET /query/<locator>-<n>`
 * continues from record n. The simulator keeps no deleted records, so queryAll answers as query.
 */
export function queryRoutes(
  store: CrmStore,
  apiBase: string,
  clock: Clock,
  pageSize = MAX_QUERY_BATCH,
): Router {
  const router = Router();
  const cursors = new QueryCursors(clock);
  const source: SoqlSource = {
    all: (spec) => store.all(spec.entity),
    get: (spec, id) => store.get(spec.entity, id),
  };

  const batchSizeOf = (request: Request): number => {
    const asked = Number(
      /batchSize=(\d+)/i.exec(request.get('sforce-query-options') ?? '')?.[1] ?? MAX_QUERY_BATCH,
    );
    return Math.min(pageSize, Math.max(MIN_REQUESTED_BATCH, Math.min(MAX_QUERY_BATCH, asked)));
  };

  const run = (resource: string) => (request: Request, response: Response) => {
    const soql = request.query.q;
    if (typeof soql !== 'string' || soql.trim() === '') {
      throw new SalesforceApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    }
    const query = prepareSoql(soql);
    const records = selectRecords(query, source);
    if (query.select === 'count')
      return void response.json({ totalSize: records.length, done: true, records: [] });
    const batchSize = batchSizeOf(request);
    const locator =
      records.length > batchSize ? cursors.open({ query, records, batchSize, resource }) : undefined;
    sendPage(response, { query, records, batchSize, resource }, locator, 0);
  };

  const resume = (request: Request, response: Response) => {
    const resumed = cursors.resume(String(request.params.locator));
    if (!resumed) throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    sendPage(response, resumed.cursor, resumed.locator, resumed.offset);
  };

  const sendPage = (
    response: Response,
    cursor: Omit<QueryCursor, 'lastUsed'>,
    locator: string | undefined,
    offset: number,
  ) => {
    const slice = cursor.records.slice(offset, offset + cursor.batchSize);
    const next = offset + slice.length;
    const done = locator === undefined || next >= cursor.records.length;
    response.json({
      totalSize: cursor.records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `${apiBase}/${cursor.resource}/${locator}-${next}` }),
      records: slice.map((record) => shapeRow(cursor.query, record, source, apiBase)),
    });
  };

  router.get('/query', run('query'));
  router.get('/queryAll', run('queryAll'));
  router.get('/query/:locator', resume);
  router.get('/queryAll/:locator', resume);
  return router;
}
