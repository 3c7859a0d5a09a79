import { SALESFORCE_CDC_TOPIC } from '../../../contracts/crm/salesforce-change-event.ts';
import { type Clock, systemClock } from '../../../infra/clock.ts';
import type { EventBus, OutgoingMessage } from '../../../infra/event-bus.ts';
import { type MessageFaultStage, startHeldMessagePump } from '../../faults/index.ts';
import type { CrmStore } from '../crm-store.ts';
import {
  type ChangeEventMessage,
  type CommitInfo,
  changeEventOf,
  channelOf,
  type GapType,
  gapEventOf,
} from './change-event-message.ts';
import { type SObjectSpec, sobjectNamed, sobjectOfEntity } from './sobject-catalog.ts';

export { SALESFORCE_CDC_TOPIC };

export interface SalesforceChangeEventsOptions {
  readonly store: CrmStore;
  readonly bus: EventBus;
  /** Default `crm.salesforce.cdc`. */
  readonly topic?: string;
  /** The version named in `changeOrigin` (`com/salesforce/api/rest/<version>`). Default '60.0'. */
  readonly apiVersion?: string;
  /** Stamps gap events, which have no store change to take a time from. Default: the system clock. */
  readonly clock?: Clock;
  /**
   * The fault engine's stage for the change-event channel (`crm.events`). A change event the stage
   * drops becomes a `GAP_<type>` event for that record, as Salesforce sends when it cannot produce
   * the full event (`GAP_OVERFLOW`, naming no record, when the rule says the number was not
   * consumed); duplicates, delays and reordering pass through as the stage decides.
   */
  readonly stage?: MessageFaultStage<OutgoingMessage & { value: string }>;
  /**
   * Also gets every message as it goes to the bus, after the fault stage: the Pub/Sub API's
   * stream is fed from here, so it sees the same drops-become-gaps, duplicates and delays.
   */
  readonly onSend?: (messages: readonly OutgoingMessage[]) => void;
}

export interface SalesforceChangeEvents {
  /**
   * Publishes a gap event (header only, no field values) for the fault engine: `object` is the
   * sObject name (`Account`), `recordIds` its 18-character ids (ignored for GAP_OVERFLOW, which
   * names no records).
   */
  emitGap(kind: GapType, object: string, recordIds: readonly string[]): void;
  /** Resolves once everything emitted so far is on the bus. */
  flush(): Promise<void>;
  /** The last failure to publish, if any: publishing goes on with the next event. */
  readonly lastError: unknown;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Change Data Capture for the Salesforce flavor: every change the store emits becomes a change
 * event on the bus, keyed by record id so one record's events stay in order, with replay ids
 * increasing across the topic and the channel (`/data/AccountChangeEvent`) in the `channel`
 * header. Grey edits emit nothing, so they never show up here — as a direct database fix never
 * shows up in Salesforce's stream.
 */
export function salesforceChangeEvents(options: SalesforceChangeEventsOptions): SalesforceChangeEvents {
  const topic = options.topic ?? SALESFORCE_CDC_TOPIC;
  const apiVersion = options.apiVersion ?? '60.0';
  const clock = options.clock ?? systemClock;
  let replayId = 0;
  let commitNumber = 0;
  let chain: Promise<void> = Promise.resolve();
  let lastError: unknown;

  const nextCommit = (): CommitInfo => ({ replayId: ++replayId, commitNumber: ++commitNumber, apiVersion });

  const send = (messages: OutgoingMessage[]) => {
    if (messages.length === 0) return;
    options.onSend?.(messages);
    chain = chain
      .then(() => options.bus.publish(topic, messages))
      .catch((error: unknown) => {
        lastError = error;
      });
  };
  const pump = options.stage
    ? startHeldMessagePump(options.stage, async (_topic, messages) => send(messages))
    : undefined;

  const publish = (spec: SObjectSpec, message: ChangeEventMessage): void => {
    const key = message.payload.ChangeEventHeader.recordIds[0] ?? spec.name;
    const outgoing = { key, value: JSON.stringify(message), headers: { channel: channelOf(spec) } };
    const header = message.payload.ChangeEventHeader;
    const staged =
      options.stage && !header.changeType.startsWith('GAP_')
        ? options.stage.process(topic, [outgoing])
        : undefined;
    if (staged && staged.dropped.length > 0) {
      // A loss the source can still attribute (the number was used) names the record; one it
      // cannot (`consumeNumber: false`) is an overflow that names none, and the consumer re-reads all.
      const gap: GapType =
        staged.dropped[0]?.consumeNumber === false ? 'GAP_OVERFLOW' : (`GAP_${header.changeType}` as GapType);
      publish(spec, gapEventOf(spec, gap, header.recordIds, clock.now(), nextCommit()));
      return;
    }
    send(staged ? staged.publish : [outgoing]);
  };

  const unsubscribe = options.store.onChange((change, record) => {
    const spec = sobjectOfEntity(change.entity);
    publish(spec, changeEventOf(spec, change, record, nextCommit()));
  });

  const stop = async () => {
    unsubscribe();
    await pump?.stop();
    await chain;
  };

  return {
    emitGap(kind, object, recordIds) {
      const spec = sobjectNamed(object);
      if (!spec) {
        throw new Error(
          `Failed to emit a ${kind} gap event: '${object}' is not an sObject of the simulated org. Use Account, Contact, Task or Authority__c.`,
        );
      }
      publish(spec, gapEventOf(spec, kind, recordIds, clock.now(), nextCommit()));
    },
    flush: () => chain,
    get lastError() {
      return lastError;
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
