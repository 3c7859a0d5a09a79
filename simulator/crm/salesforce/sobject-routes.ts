import { type Request, type Response, Router } from 'express';
import type { CrmRecord } from '../../../contracts/crm/crm-records.ts';
import type { CrmStore } from '../crm-store.ts';
import { noSuchColumn, resourceNotFound, SalesforceApiError } from './salesforce-api-error.ts';
import { originOf } from './salesforce-request.ts';
import { fieldNamed, type SObjectSpec } from './sobject-catalog.ts';
import { describeGlobal, describeGlobalEntry, describeSObject } from './sobject-describe.ts';
import { SObjectLookup } from './sobject-lookup.ts';
import { toSalesforceRecord } from './sobject-record.ts';
import { SObjectWrites } from './sobject-store-writes.ts';

/** Upsert answers with a body from API 46.0 on; before that, an update was a bare 204. */
const UPSERT_BODY_SINCE = 46;

/**
 * The sObject resources under `/sobjects`: describeGlobal, basic info, describe, create, and rows
 * by id or by external id (read, update or upsert, delete).
 */
export function sobjectRoutes(store: CrmStore, apiBase: string, apiVersion: string): Router {
  const router = Router();
  const writes = new SObjectWrites(store);
  const lookup = new SObjectLookup(store);
  const specOf = (request: Request): SObjectSpec => lookup.sobject(String(request.params.object));

  const sendRecord = (request: Request, response: Response, spec: SObjectSpec, record: CrmRecord): void => {
    const wanted = typeof request.query.fields === 'string' ? request.query.fields.split(',') : undefined;
    const fields = wanted?.map(
      (name) => fieldNamed(spec, name.trim()) ?? throwNoSuchColumn(name.trim(), spec),
    );
    response.json(toSalesforceRecord(apiBase, spec, record, fields));
  };

  router.get('/', (_request, response) => {
    response.json(describeGlobal(apiBase));
  });

  router.get('/:object', (request, response) => {
    response.json({ objectDescribe: describeGlobalEntry(apiBase, specOf(request)), recentItems: [] });
  });

  router.post('/:object', (request, response) => {
    const spec = specOf(request);
    const record = writes.create(spec, request.body, originOf(response));
    response.status(201).json({ id: spec.fields[0]?.read(record), success: true, errors: [] });
  });

  router.get('/:object/describe', (request, response) => {
    response.json(describeSObject(apiBase, specOf(request)));
  });

  router.get('/:object/:id', (request, response) => {
    const spec = specOf(request);
    sendRecord(request, response, spec, lookup.byId(spec, String(request.params.id)));
  });

  router.patch('/:object/:id', (request, response) => {
    const spec = specOf(request);
    writes.update(spec, lookup.byId(spec, String(request.params.id)), request.body, originOf(response));
    response.status(204).end();
  });

  router.delete('/:object/:id', (request, response) => {
    const spec = specOf(request);
    writes.remove(spec, lookup.byId(spec, String(request.params.id)), originOf(response));
    response.status(204).end();
  });

  router.get('/:object/:field/:value', (request, response) => {
    const spec = specOf(request);
    const field = lookup.externalIdField(spec, String(request.params.field));
    const record = lookup.byExternalId(spec, field, String(request.params.value));
    if (!record) throw resourceNotFound();
    sendRecord(request, response, spec, record);
  });

  router.patch('/:object/:field/:value', (request, response) => {
    const spec = specOf(request);
    const field = lookup.externalIdField(spec, String(request.params.field));
    const value = String(request.params.value);
    const body = withoutMatchingExternalId(request.body, field, value);
    const existing = lookup.byExternalId(spec, field, value);
    const origin = originOf(response);
    const created = !existing;
    const record = existing
      ? writes.update(spec, existing, body, origin)
      : writes.create(spec, body, origin, field === 'Id' ? undefined : value);
    const id = spec.fields[0]?.read(record);
    if (!created && Number(apiVersion) < UPSERT_BODY_SINCE) return void response.status(204).end();
    response.status(created ? 201 : 200).json({ id, success: true, errors: [], created });
  });

  router.delete('/:object/:field/:value', (request, response) => {
    const spec = specOf(request);
    const field = lookup.externalIdField(spec, String(request.params.field));
    const record = lookup.byExternalId(spec, field, String(request.params.value));
    if (!record) throw resourceNotFound();
    writes.remove(spec, record, originOf(response));
    response.status(204).end();
  });

  return router;
}

function throwNoSuchColumn(name: string, spec: SObjectSpec): never {
  throw noSuchColumn(name, spec.name);
}

/** The URL names the external id; the body may repeat it, but not contradict it. */
function withoutMatchingExternalId(body: unknown, field: string, value: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const entries = Object.entries(body);
  const repeated = entries.find(([name]) => name.toLowerCase() === field.toLowerCase());
  if (repeated && String(repeated[1]) !== value) {
    throw new SalesforceApiError(
      400,
      'INVALID_FIELD',
      `The ${field} value in the request body (${String(repeated[1])}) differs from the one in the URL (${value})`,
      [field],
    );
  }
  return Object.fromEntries(entries.filter(([name]) => name.toLowerCase() !== field.toLowerCase()));
}
