import type pg from 'pg';
import type { Logger } from 'pino';
import type { CrmEntity, CrmRecord } from '../../contracts/crm/crm-records.ts';
import type { Clock } from '../../infra/clock.ts';
import type { BusMessage, EventBus, Subscription } from '../../infra/event-bus.ts';
import type { CrmFetcher } from '../crm/crm-fetcher.ts';
import {
  actionOf,
  SALESFORCE_CDC_TOPIC,
  type SalesforceChangeEvent,
  salesforceChangeEventSchema,
} from '../crm/salesforce-change-event.ts';
import { withTransaction } from '../db/with-transaction.ts';
import type { SyncMetrics } from '../metrics.ts';
import type { SourcePolicy } from '../resilience/source-policy.ts';
import type { EntityChange } from '../sequencer/entity-writer.ts';
import { fetchedCrmRecordWriter } from './fetched-crm-record-writer.ts';
import { parkPoisonMessage } from './park-poison-message.ts';

export const CRM_CDC_CHANNEL = 'crm.cdc';
/** Rows per transaction when a re-read brings a whole entity type. */
const WRITE_CHUNK = 500;

export interface SalesforceChangeEventsOptions {
  readonly bus: EventBus;
  readonly pool: pg.Pool;
  readonly crm: CrmFetcher;
  readonly policy: SourcePolicy;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  readonly clock: Clock;
  readonly groupId: string;
  /** How far before a GAP_OVERFLOW's commit time the re-read starts. Default 60 s (the transaction, clock skew). */
  readonly overflowLookbackMs?: number;
}

function parse(message: BusMessage): SalesforceChangeEvent | Error {
  try {
    return salesforceChangeEventSchema.parse(JSON.parse(message.value.toString('utf8')));
  } catch (error) {
    return error as Error;
  }
}

/**
 * Salesforce Change Data Capture (`crm.salesforce.cdc`) into `crm_records`. The events carry no
 * per-record sequence and only the changed fields, so each means "this record changed": it is
 * fetched from the CRM (once per batch however many events name it) and written unless the cache
 * holds a newer state. `GAP_*` events name records whose change was not captured: fetched the
 * same way. `GAP_OVERFLOW` names none: the whole entity type changed since just before it is re-read;
 * a change to every record (`001*`) re-reads them all.
 */
export function consumeSalesforceChangeEvents(options: SalesforceChangeEventsOptions): Promise<Subscription> {
  const { pool, crm, policy, metrics, log, clock } = options;
  const lookbackMs = options.overflowLookbackMs ?? 60_000;
  const fetched = (entity: CrmEntity, id: string, record: CrmRecord | null): EntityChange<CrmRecord> => ({
    entity,
    id,
    sequence: 0,
    operation: record ? 'update' : 'delete',
    state: record,
    at: record?.updatedAt ?? new Date(clock.now()).toISOString(),
  });
  return options.bus.subscribe({
    groupId: options.groupId,
    topic: SALESFORCE_CDC_TOPIC,
    onHandlerError: (error, batch, attempt) =>
      log.warn(
        { err: (error as Error).message, messages: batch.length, attempt },
        'change events failed; redelivering',
      ),
    handleBatch: async (batch) => {
      const records = new Map<string, { entity: CrmEntity; id: string }>();
      const rereads = new Map<CrmEntity, number>();
      for (const message of batch) {
        const event = parse(message);
        if (event instanceof Error) {
          await parkPoisonMessage(pool, options.bus, message, event.message);
          metrics.deadLettered.inc({ topic: message.topic });
          continue;
        }
        const header = event.payload.ChangeEventHeader;
        if (header.changeType.startsWith('GAP_')) metrics.gaps.inc({ channel: CRM_CDC_CHANNEL });
        const action = actionOf(event);
        if (action.kind === 'reread') {
          const from = action.since === 'ever' ? 0 : header.commitTimestamp - lookbackMs;
          rereads.set(action.entity, Math.min(rereads.get(action.entity) ?? Infinity, from));
        } else if (action.kind === 'fetch')
          for (const id of action.ids) records.set(`${action.entity}:${id}`, { entity: action.entity, id });
      }
      const changes: EntityChange<CrmRecord>[] = [];
      for (const { entity, id } of records.values())
        changes.push(fetched(entity, id, await policy.execute(() => crm.fetch(entity, id))));
      for (const [entity, fromMs] of rereads) {
        const from = new Date(fromMs).toISOString();
        log.info({ entity, from }, 're-reading the entity type from the CRM');
        for (const record of await policy.execute(() => crm.changedSince(entity, from)))
          changes.push(fetched(entity, record.id, record));
      }
      for (let start = 0; start < changes.length; start += WRITE_CHUNK) {
        const chunk = changes.slice(start, start + WRITE_CHUNK);
        await withTransaction(pool, (client) => fetchedCrmRecordWriter.write(client, chunk));
      }
      metrics.applied.inc({ channel: CRM_CDC_CHANNEL }, changes.length);
    },
  });
}
