import type { RequestHandler } from 'express';
import { asyncApiDocument } from '../contracts/asyncapi/asyncapi-document.ts';

/**
 * `GET /asyncapi.json`: the topics and MQ feeds as AsyncAPI 3.0. Unauthenticated, as
 * `/_control/openapi.json` is: it describes wire formats, no state. Built once, since the schemas
 * it comes from never change while the process runs.
 */
export function asyncApiRoute(): RequestHandler {
  let document: Record<string, unknown> | undefined;
  return (_request, response) => {
    document ??= asyncApiDocument();
    response.json(document);
  };
}
